package io.wirepunch.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on a real (virtual) desktop: Xvfb with trayer as the tray host. The app starts in demo
 * mode as its own process; its icon must appear in trayer's panel, a click must open its menu, and
 * the menu's last entry, Quit, must end the process with exit status 0. Prints the time from launch
 * to the tray icon ({@code tray-xvfb ...}). Skipped where Xvfb, trayer, xdotool, xwininfo or GTK 3
 * is missing ({@code .ci/run} installs them).
 */
@Timeout(180)
class TrayUnderXvfbTest {
    private static final long TRAY_WAIT_MS = 60_000;
    private static final long MENU_WAIT_MS = 30_000;
    /** Clicks on the icon while no menu shows, every this many 100 ms ticks. */
    private static final int CLICK_EVERY_TICKS = 20;
    /** One window in {@code xwininfo -tree} output: id, name, size, absolute position. */
    private static final Pattern WINDOW = Pattern.compile(
            "^\\s*(0x[0-9a-f]+) (\"[^\"]*\"|\\(has no name\\)).*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)\\s*$");

    @TempDir
    Path dir;

    @Test
    void theTrayIconAppearsItsMenuOpensAndQuitEndsTheApp() throws Exception {
        AppProcess.assumeDesktop();
        try (XDisplay x = XDisplay.start()) {
            Path log = dir.resolve("app.log");
            long launched = System.nanoTime();
            Process app = AppProcess.startDemo(x, dir, log);

            Optional<int[]> icon = Optional.empty();
            while (icon.isEmpty() && app.isAlive() && System.nanoTime() - launched < TRAY_WAIT_MS * 1_000_000) {
                Thread.sleep(50);
                icon = x.trayIconCentre();
            }
            long toTrayMs = (System.nanoTime() - launched) / 1_000_000;
            assertThat(icon).as("a tray icon in trayer's panel; the app's output:%n%s", Files.readString(log)).isPresent();
            System.out.println("tray-xvfb: launch to tray icon " + toTrayMs + " ms (demo mode, JVM start included)");

            // The demo shows its window once the app is up; the menu acts from then on.
            long upSince = System.nanoTime();
            while (windows(x.tree()).stream().noneMatch(w -> w.name().equals("\"Wirepunch\"") && w.width() >= 300)) {
                assertThat(System.nanoTime() - upSince).as("the window shows; the app's output:%n%s", Files.readString(log))
                        .isLessThan(TRAY_WAIT_MS * 1_000_000);
                Thread.sleep(100);
            }
            // The icon may be embedded before it takes clicks: click again while no menu shows.
            Set<String> before = ids(windows(x.tree()));
            Optional<int[]> menu = Optional.empty();
            long clicked = System.nanoTime();
            for (int tick = 0; menu.isEmpty() && System.nanoTime() - clicked < MENU_WAIT_MS * 1_000_000; tick++) {
                if (tick % CLICK_EVERY_TICKS == 0) {
                    // where the icon is now: trayer may embed it before it moves it into the panel
                    int[] at = x.trayIconCentre().orElse(icon.get());
                    x.click(at[0], at[1], 1);
                }
                Thread.sleep(100);
                menu = windows(x.tree()).stream().filter(w -> !before.contains(w.id()) && w.width() >= 100 && w.height() >= 100)
                        .map(w -> new int[] {w.x(), w.y(), w.width(), w.height()}).findFirst();
            }
            assertThat(menu).as("a menu opened by the click; the app's output:%n%s%nwindows:%n%s", Files.readString(log), x.tree()).isPresent();
            int[] m = menu.get();
            System.out.println("tray-xvfb: the menu opened at " + m[0] + "," + m[1] + ", " + m[2] + "x" + m[3]);

            // Quit is the last entry: the app stops its engine and ends.
            x.click(m[0] + m[2] / 2, m[1] + m[3] - 10, 1);
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app ends after Quit; its output:%n%s", Files.readString(log))
                    .isTrue();
            assertThat(app.exitValue()).as("exit status; the app's output:%n%s", Files.readString(log)).isZero();
            AppProcess.assertQuietQuit(Files.readString(log));
        }
    }

    private record Window(String id, String name, int width, int height, int x, int y) {}

    private static List<Window> windows(String tree) {
        List<Window> out = new ArrayList<>();
        for (String line : tree.split("\n")) {
            Matcher m = WINDOW.matcher(line);
            if (m.matches()) {
                out.add(new Window(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
            }
        }
        return out;
    }

    private static Set<String> ids(List<Window> windows) {
        Set<String> out = new HashSet<>();
        windows.forEach(w -> out.add(w.id()));
        return out;
    }
}
