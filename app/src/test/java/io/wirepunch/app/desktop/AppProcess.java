package io.wirepunch.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The app started as its own process on a test's display, with private directories, and what its quitting must look like. */
final class AppProcess {
    private AppProcess() {}

    /**
     * Starts {@code wirepunch --demo} on {@code x} as the launcher does (with the JVM options of
     * {@code app/jvm-options}), its settings and runtime files under {@code dir}, its output in {@code log}.
     */
    static Process startDemo(XDisplay x, Path dir, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.wirepunch.app.Main", "--demo"));
        return x.start(command, env(dir), ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** The app's JVM options, as {@code ./wirepunch} reads them: one a line, without comments and blank lines. */
    static List<String> jvmOptions() throws IOException {
        Path file = Path.of(System.getProperty("user.dir")).resolve("jvm-options");
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** A private configuration, data and runtime directory, so that the user's own app is never touched. */
    static Map<String, String> env(Path dir) throws IOException {
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        return Map.of("XDG_CONFIG_HOME", Files.createDirectories(dir.resolve("config")).toString(),
                "XDG_DATA_HOME", Files.createDirectories(dir.resolve("data")).toString(),
                "XDG_RUNTIME_DIR", runtime.toString(),
                "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                // INFO: the quit's steps show, and any warning while quitting would
                "WIREPUNCH_LOG", "INFO");
    }

    /** A clean quit: no stack trace, no warning of the tray's event queue, nothing logged above INFO. */
    static void assertQuietQuit(String output) {
        String quitting = output.substring(Math.max(0, output.indexOf("quitting (")));
        assertThat(quitting).as("the app's output from quitting on:%n%s", quitting)
                .doesNotContain("Exception")
                .doesNotContain("took longer")
                .doesNotContain(" WARN ")
                .doesNotContain(" ERROR ");
    }

    /** Skips the calling test unless the virtual desktop's tools and GTK 3 are installed. */
    static void assumeDesktop() {
        List<String> missing = XDisplay.missingTools();
        assumeTrue(missing.isEmpty(), "needs " + missing + " (Debian: xvfb, trayer, x11-utils, xdotool)");
        assumeTrue(gtk3Present(), "needs GTK 3 (Debian: libgtk-3-0)");
    }

    static boolean gtk3Present() {
        for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            if (Files.exists(Path.of(d, "libgtk-3.so.0"))) {
                return true;
            }
        }
        return false;
    }
}
