package io.wirepunch.app.notify;

import java.awt.AWTException;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Windows: a toast through AWT's {@link TrayIcon#displayMessage}. AWT needs an icon of its own
 * in the notification area for that, so one is added while a message shows and removed
 * {@link #SHOW_FOR} after the last, beside the app's tray icon.
 */
final class WindowsNotifier implements DesktopNotifier {
    /** How long the helper icon stays after a message; Windows keeps the toast in its Action Center after that. */
    static final Duration SHOW_FOR = Duration.ofSeconds(10);
    private static final String ICON = "/io/wirepunch/app/tray/participating-16.png";

    private final ScheduledExecutorService remover = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wirepunch-notify-icon");
        t.setDaemon(true);
        return t;
    });
    private TrayIcon icon;
    private ScheduledFuture<?> removal;

    static boolean available() {
        try {
            return !java.awt.GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public synchronized void show(Notification n) throws IOException {
        if (icon == null) {
            icon = new TrayIcon(image(), FreedesktopNotifier.APP_NAME);
            icon.setImageAutoSize(true);
            try {
                SystemTray.getSystemTray().add(icon);
            } catch (AWTException e) {
                icon = null;
                throw new IOException("the notification area refused an icon: " + e.getMessage(), e);
            }
        }
        icon.displayMessage(n.summary(), n.body(), TrayIcon.MessageType.INFO);
        if (removal != null) {
            removal.cancel(false);
        }
        removal = remover.schedule(this::removeIcon, SHOW_FOR.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "Windows notifications (AWT)";
    }

    @Override
    public synchronized void close() {
        remover.shutdownNow();
        removeIcon();
    }

    private synchronized void removeIcon() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
            icon = null;
        }
    }

    private static BufferedImage image() throws IOException {
        try (InputStream in = WindowsNotifier.class.getResourceAsStream(ICON)) {
            if (in == null) {
                throw new IOException(ICON + " is missing from the app");
            }
            return ImageIO.read(in);
        }
    }
}
