package io.wirepunch.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM quits the app as its menu does: the app, in demo mode under Xvfb with trayer, stops its
 * engine gracefully, removes its icon and ends with exit status 0, and its output has no warning
 * or stack trace on the way. The user's node was left paused (settings.json says so): the demo's
 * node participates all the same, and the user's switch stays as it was. Skipped where the desktop tools are missing ({@code .ci/run} installs them).
 */
@Timeout(180)
class QuitOnSignalUnderXvfbTest {
    private static final long UP_WAIT_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheEngineAndEndsWithStatusZero() throws Exception {
        AppProcess.assumeDesktop();
        try (XDisplay x = XDisplay.start()) {
            Path log = dir.resolve("app.log");
            Path settings = Files.createDirectories(dir.resolve("config").resolve("wirepunch")).resolve("settings.json");
            Files.writeString(settings, "{\"participate\": false}");
            Process app = AppProcess.startDemo(x, dir, log);
            long launched = System.nanoTime();
            // up: the tray icon is embedded and the engine (with the demo's nodes) runs
            while (!(x.trayIconCentre().isPresent() && Files.readString(log).contains("the engine runs"))) {
                assertThat(app.isAlive()).as("the app runs; its output:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime() - launched).as("the app comes up; its output:%n%s", Files.readString(log))
                        .isLessThan(UP_WAIT_MS * 1_000_000);
                Thread.sleep(100);
            }
            Thread.sleep(1000); // a second of running: the window is shown and the tray has rendered the engine's state

            app.destroy(); // SIGTERM

            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app ends after SIGTERM; its output:%n%s", Files.readString(log)).isTrue();
            String out = Files.readString(log);
            assertThat(app.exitValue()).as("exit status; the app's output:%n%s", out).isZero();
            assertThat(out).doesNotContain("starting paused").contains("SIGTERM: quitting").contains("quitting (SIGNAL)").contains("the engine stopped in");
            assertThat(Files.readString(settings)).as("the user's switch, untouched by the demo").containsPattern("\"participate\"\\s*:\\s*false");
            AppProcess.assertQuietQuit(out);
            assertThat(x.trayIconCentre()).as("the icon left the tray").isEmpty();
        }
    }
}
