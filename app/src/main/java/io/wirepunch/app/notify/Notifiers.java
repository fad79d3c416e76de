package io.wirepunch.app.notify;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** The notification service of the platform the app runs on. */
public final class Notifiers {
    private Notifiers() {}

    /** This platform's service; throws, saying why, when the desktop has none. */
    public static DesktopNotifier forThisPlatform() throws IOException {
        return forPlatform(System.getProperty("os.name", ""), System.getenv());
    }

    static DesktopNotifier forPlatform(String osName, Map<String, String> env) throws IOException {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            if (!MacNotifier.available()) {
                throw new IOException(MacNotifier.OSASCRIPT + " is missing");
            }
            return new MacNotifier();
        }
        if (os.startsWith("windows")) {
            if (!WindowsNotifier.available()) {
                throw new IOException("AWT has no notification area here");
            }
            return new WindowsNotifier();
        }
        String bus = FreedesktopNotifier.sessionBus(env)
                .orElseThrow(() -> new IOException("no session bus (neither DBUS_SESSION_BUS_ADDRESS nor $XDG_RUNTIME_DIR/bus)"));
        return FreedesktopNotifier.connect(bus);
    }

    /** The service on the D-Bus session bus at {@code address}, whatever the platform; tests use a private bus. */
    public static DesktopNotifier freedesktop(String address) throws IOException {
        return FreedesktopNotifier.connect(address);
    }
}
