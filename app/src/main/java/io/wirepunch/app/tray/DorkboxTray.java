package io.wirepunch.app.tray;

import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.Separator;
import dorkbox.systemTray.SystemTray;
import dorkbox.updates.Updates;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a {@link TrayMenu} with dorkbox SystemTray. A menu of the same shape as the one shown is
 * updated in place, so an open menu does not flicker when a peer count changes; another shape is
 * rebuilt.
 */
public final class DorkboxTray implements TrayView {
    private static final Logger LOG = LoggerFactory.getLogger(DorkboxTray.class);
    /** The rendered sizes of each icon; the tray gets the smallest at least as large as it asks for. */
    static final int[] ICON_SIZES = {16, 22, 32, 64};
    /** How long quitting waits for the icon's removal: longer than dorkbox's own 2 s wait on the GTK loop. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SystemTray tray;
    private final TrayActions actions;
    private final List<Entry> shown = new ArrayList<>();
    private TrayMenu current;

    private DorkboxTray(SystemTray tray, TrayActions actions) {
        this.tray = tray;
        this.actions = actions;
    }

    /** Where Linux distributions keep shared libraries. */
    static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib64"), Path.of("/usr/lib"));
    /** The AppIndicator libraries SystemTray can use, Ayatana's or the original. */
    static final List<String> APP_INDICATOR_LIBRARIES = List.of("libayatana-appindicator3.so.1", "libappindicator3.so.1");

    /** Whether an AppIndicator library is in one of {@code dirs}. */
    static boolean appIndicatorInstalled(List<Path> dirs) {
        return dirs.stream().anyMatch(d -> APP_INDICATOR_LIBRARIES.stream().anyMatch(l -> Files.exists(d.resolve(l))));
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** The tray, or empty when this desktop has none (no tray host, no display, an unsupported toolkit). */
    public static Optional<TrayView> create(TrayActions actions) {
        // SystemTray otherwise asks a server of its author's whether there is a newer version
        Updates.INSTANCE.setENABLE(false);
        if ("root".equals(System.getProperty("user.name"))) {
            SystemTray.ENABLE_ROOT_CHECK = false;
        }
        if (linux() && !appIndicatorInstalled(LIBRARY_DIRS)) {
            // SystemTray otherwise spends seconds trying the AppIndicator tray before it falls back to Swing's
            SystemTray.FORCE_TRAY_TYPE = SystemTray.TrayType.Swing;
        }
        SystemTray tray;
        try {
            tray = SystemTray.get("Wirepunch");
        } catch (RuntimeException | LinkageError e) {
            LOG.info("no system tray: {}", e.toString());
            return Optional.empty();
        }
        if (tray == null) {
            LOG.info("no system tray on this desktop");
            return Optional.empty();
        }
        return Optional.of(new DorkboxTray(tray, actions));
    }

    @Override
    public synchronized void render(TrayMenu menu) {
        if (current == null || current.icon() != menu.icon()) {
            URL image = DorkboxTray.class.getResource(menu.icon().resource(iconSize(tray.getTrayImageSize())));
            tray.setImage(image);
        }
        tray.setTooltip(menu.tooltip());
        if (menu.sameShape(current)) {
            for (int i = 0; i < shown.size(); i++) {
                update(shown.get(i), menu.entries().get(i));
            }
        } else {
            rebuild(tray.getMenu(), menu);
        }
        current = menu;
    }

    private void rebuild(Menu menu, TrayMenu model) {
        shown.forEach(Entry::remove);
        shown.clear();
        for (MenuEntry entry : model.entries()) {
            shown.add(menu.add(create(entry)));
        }
    }

    private Entry create(MenuEntry entry) {
        if (entry instanceof MenuEntry.Separator) {
            return new Separator();
        }
        if (entry instanceof MenuEntry.Toggle toggle) {
            Checkbox box = new Checkbox(toggle.label(), e -> actions.perform(toggle.action(), ((Checkbox) e.getSource()).getChecked()));
            update(box, toggle);
            return box;
        }
        MenuItem item = entry instanceof MenuEntry.Item click
                ? new MenuItem(click.label(), e -> actions.perform(click.action(), true))
                : new MenuItem(((MenuEntry.Status) entry).text());
        update(item, entry);
        return item;
    }

    private static void update(Entry shownEntry, MenuEntry entry) {
        if (entry instanceof MenuEntry.Status status) {
            MenuItem item = (MenuItem) shownEntry;
            item.setText(status.text());
            item.setEnabled(false);
        } else if (entry instanceof MenuEntry.Item click) {
            MenuItem item = (MenuItem) shownEntry;
            item.setText(click.label());
            item.setEnabled(click.enabled());
        } else if (entry instanceof MenuEntry.Toggle toggle) {
            Checkbox box = (Checkbox) shownEntry;
            box.setText(toggle.label());
            box.setChecked(toggle.selected());
            box.setEnabled(toggle.enabled());
        }
    }

    static int iconSize(int requested) {
        for (int size : ICON_SIZES) {
            if (size >= requested) {
                return size;
            }
        }
        return ICON_SIZES[ICON_SIZES.length - 1];
    }

    /**
     * Removes the icon and waits until dorkbox has: its removal hops onto the GTK loop (JavaFX's,
     * once JavaFX runs) and gives up with a stack trace after 2 s, so it must be done before the
     * engine's stop loads the CPU and before the toolkit ends. A stuck removal does not hold up quitting.
     */
    @Override
    public synchronized void close() {
        CountDownLatch removed = new CountDownLatch(1);
        tray.shutdown(removed::countDown);
        try {
            if (!removed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("the tray icon was not removed within {} s; quitting anyway", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
