package io.wirepunch.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the .deb and the .rpm with {@code build-installers.sh}, the script {@code -Ppackage} runs,
 * inspects both, then extracts the .deb and runs what it installs: the CLI, a headless node, and
 * the app under Xvfb with trayer as the tray host. Skipped, with the reason, where a tool is missing.
 */
class InstallersTest {
    private static final String VERSION = "0.1.0";
    private static final Duration BUILD = Duration.ofMinutes(4);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How often the virtual desktop is started before the test gives up, and how long each waits for trayer. */
    private static final int DESKTOP_ATTEMPTS = 3;
    private static final Duration PANEL_WAIT = Duration.ofSeconds(20);
    /** The Swing tray's icon window, which trayer embeds. */
    private static final Pattern TRAY_ICON = Pattern.compile("\"JavaEmbeddedFrame\"");
    private static final Pattern LISTEN = Pattern.compile("listen /ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/12D3KooW\\w+");

    private static Path out;
    private static Path deb;
    private static Path rpm;
    /** Where the .deb is extracted; {@code opt/wirepunch} is the installed app. */
    private static Path root;
    private static Path installed;

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void buildInstallers() throws Exception {
        for (String tool : List.of("dpkg-deb", "fakeroot")) {
            assumeTrue(Tools.installed(tool), tool + " is not installed (Debian: dpkg, fakeroot)");
        }
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("installers.script"),
                System.getProperty("installers.lib"), System.getProperty("installers.out"), "deb"));
        if (Tools.installed("rpmbuild")) {
            command.add("rpm");
        }
        out = Path.of(System.getProperty("installers.out"));
        Files.createDirectories(out);
        Tools.Result built = Tools.run(command, out.resolve("build.log"), BUILD);
        assertThat(built.exitCode()).as("build-installers.sh:\n%s", built.tail()).isZero();
        // JDK 17's jpackage names the .deb with its release (wirepunch_0.1.0-1_amd64.deb), JDK 25's without
        deb = only(out.resolve("dist"), "wirepunch_" + VERSION + "*_amd64.deb");
        rpm = out.resolve("dist/wirepunch-" + VERSION + "-1.x86_64.rpm");
        root = out.resolve("extracted");
        Tools.deleteTree(root);
        Tools.check(List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
        installed = root.resolve("opt/wirepunch");
    }

    private static Path only(Path dir, String glob) throws IOException {
        try (var found = Files.newDirectoryStream(dir, glob)) {
            List<Path> paths = new ArrayList<>();
            found.forEach(paths::add);
            assertThat(paths).as("%s in %s", glob, dir).hasSize(1);
            return paths.get(0);
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            p.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void theDebNamesItselfItsVersionAndItsDependencies() throws Exception {
        String info = Tools.check(List.of("dpkg-deb", "-I", deb.toString()));
        assertThat(info).contains("Package: wirepunch", "Version: " + VERSION, "Section: net");
        assertThat(info.lines().filter(l -> l.strip().startsWith("Depends:")).findFirst().orElse(""))
                .contains("libgtk-3-0", "xdg-utils");
        String contents = Tools.check(List.of("dpkg-deb", "-c", deb.toString()));
        assertThat(contents).contains("./opt/wirepunch/bin/wirepunch\n", "./opt/wirepunch/bin/wirepunch-cli\n",
                "./opt/wirepunch/lib/wirepunch-wirepunch.desktop\n",
                "./opt/wirepunch/lib/wirepunch.png\n", "./opt/wirepunch/lib/runtime/lib/server/libjvm.so\n");
        // the runtime is linked: no compiler, no man pages, no headers
        assertThat(contents).doesNotContain("/lib/runtime/bin/javac", "/lib/runtime/man/", "/lib/runtime/include/");
    }

    @Test
    void theDebInstallsADesktopEntryAndTheCliOnThePath() throws Exception {
        String desktop = Files.readString(installed.resolve("lib/wirepunch-wirepunch.desktop"));
        assertThat(desktop).contains("Name=wirepunch", "Exec=/opt/wirepunch/bin/wirepunch", "Icon=/opt/wirepunch/lib/wirepunch.png",
                "Categories=Network;P2P;", "Type=Application", "Terminal=false");
        String postinst = Tools.check(List.of("dpkg-deb", "-I", deb.toString(), "postinst"));
        assertThat(postinst).contains("xdg-desktop-menu install /opt/wirepunch/lib/wirepunch-wirepunch.desktop",
                "ln -sf /opt/wirepunch/bin/wirepunch-cli /usr/bin/wirepunch");
        assertThat(Tools.check(List.of("dpkg-deb", "-I", deb.toString(), "prerm"))).contains("rm -f /usr/bin/wirepunch");
    }

    /** The app's options that only the app's launcher takes (build-installers.sh leaves them out of the CLI's). */
    private static boolean isCompilerOption(String option) {
        return option.startsWith("-XX:TieredStopAtLevel=") || option.startsWith("-XX:CICompilerCount=");
    }

    @Test
    void bothLaunchersRunWithASmallHeap() throws Exception {
        // The app's JVM options, as ./wirepunch passes them: every one in each launcher's configuration.
        List<String> appOptions = Files.readAllLines(Path.of("..", "app", "jvm-options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(appOptions).contains("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        String app = Files.readString(installed.resolve("lib/app/wirepunch.cfg"));
        String cli = Files.readString(installed.resolve("lib/app/wirepunch-cli.cfg"));
        for (String option : appOptions) {
            assertThat(app).as("wirepunch").contains("java-options=" + option);
            if (isCompilerOption(option)) {
                // the CLI keeps C2 for its benchmarks, perf, pipes and forwards
                assertThat(cli).as("wirepunch-cli").doesNotContain("java-options=" + option);
            } else {
                assertThat(cli).as("wirepunch-cli").contains("java-options=" + option);
            }
        }
        assertThat(Files.readString(installed.resolve("lib/app/wirepunch.cfg"))).contains("app.mainclass=io.wirepunch.app.Main");
        assertThat(Files.readString(installed.resolve("lib/app/wirepunch-cli.cfg"))).contains("app.mainclass=io.wirepunch.core.cli.WirepunchCli");
    }

    @Test
    void theRpmNamesItselfItsVersionItsDependenciesAndTheDesktopEntry() throws Exception {
        assumeTrue(Tools.installed("rpm") && Files.exists(rpm), "rpm is not installed (Debian: rpm)");
        String info = Tools.check(List.of("rpm", "-qpi", rpm.toString()));
        assertThat(info).containsPattern("Name\\s+: wirepunch").containsPattern("Version\\s+: " + Pattern.quote(VERSION));
        assertThat(Tools.check(List.of("rpm", "-qpR", rpm.toString()))).contains("gtk3", "xdg-utils");
        assertThat(Tools.check(List.of("rpm", "-qpl", rpm.toString()))).contains("/opt/wirepunch/lib/wirepunch-wirepunch.desktop",
                "/opt/wirepunch/bin/wirepunch-cli");
        assertThat(Tools.check(List.of("rpm", "-qp", "--scripts", rpm.toString())))
                .contains("ln -sf /opt/wirepunch/bin/wirepunch-cli /usr/bin/wirepunch", "rm -f /usr/bin/wirepunch");
    }

    @Test
    void bothLaunchersReadTheAotCacheTheDebShips() throws Exception {
        assumeCache();
        assertThat(Tools.check(List.of("dpkg-deb", "-c", deb.toString()))).contains("./opt/wirepunch/lib/app/" + CACHE + "\n");
        for (String launcher : List.of("wirepunch", "wirepunch-cli")) {
            assertThat(Files.readString(installed.resolve("lib/app/" + launcher + ".cfg"))).contains("java-options=-XX:AOTCache=$APPDIR/" + CACHE);
        }
    }

    @Test
    void theExtractedCliPrintsItsVersionThroughALinkAsOnThePath() throws Exception {
        // as postinst links /usr/bin/wirepunch: the launcher finds its image through the link
        Path onPath = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("wirepunch"),
                installed.resolve("bin/wirepunch-cli"));
        ProcessBuilder cli = new ProcessBuilder(onPath.toString(), "--version");
        if (Files.exists(installed.resolve("lib/app/" + CACHE))) {
            // AOTMode=on refuses to start unless the cache maps: proof that it is used where the package puts it
            sandbox(cli).environment().put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");
        } else {
            sandbox(cli);
        }
        Tools.Result result = Tools.run(cli, dir.resolve("version.log"), WAIT);
        assertThat(result.exitCode()).as(result.tail()).isZero();
        assertThat(result.output()).contains("wirepunch " + VERSION);
    }

    @Test
    void theExtractedCliRunsAHeadlessNodeThatStopsOnSigterm() throws Exception {
        ProcessBuilder node = new ProcessBuilder(installed.resolve("bin/wirepunch-cli").toString(), "node",
                "--listen", "/ip4/127.0.0.1/tcp/0").redirectError(dir.resolve("node.err").toFile());
        Process process = start(sandbox(node));
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).as("first line; stderr:\n%s", Tools.tail(dir.resolve("node.err"))).matches(LISTEN);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Tools.tail(dir.resolve("node.err"))).isZero();
    }

    @Test
    void theExtractedAppShowsItsWindowAndItsTrayIconUnderXvfb() throws Exception {
        for (String tool : List.of("Xvfb", "trayer", "xdotool", "xwininfo")) {
            assumeTrue(Tools.installed(tool), tool + " is not installed (Debian: xvfb, trayer, xdotool, x11-utils)");
        }
        String display = startDesktop();

        ProcessBuilder app = new ProcessBuilder(installed.resolve("bin/wirepunch").toString(), "--demo")
                .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile());
        long launched = System.nanoTime();
        start(withDisplay(sandbox(app), display));

        String tree = awaitTree(display, t -> TRAY_ICON.matcher(t).find(), "the tray icon");
        long trayMillis = (System.nanoTime() - launched) / 1_000_000;
        String window = awaitOutput(withDisplay(new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", "^Wirepunch$"), display));
        assertThat(window).as("the window; app log:\n%s", Tools.tail(dir.resolve("app.log"))).matches("(?s)\\d+\\s*");
        assertThat(tree).contains("\"trayer\"");
        System.out.printf("launch to tray icon from the extracted .deb: %d ms%n", trayMillis);
    }

    @Test
    void theRpmGivesItsFilesTheTimesTheCacheWasTrainedOn() throws Exception {
        assumeCache();
        assumeTrue(Tools.installed("rpm") && Files.exists(rpm), "rpm is not installed (Debian: rpm)");
        // the extracted .deb's jars carry the times the cache accepts (the CLI test runs it with AOTMode=on)
        List<String> jars = new ArrayList<>();
        for (String line : Tools.check(List.of("rpm", "-qp", "--dump", rpm.toString())).lines().toList()) {
            String[] fields = line.split(" ");
            if (fields[0].startsWith("/opt/wirepunch/lib/app/") && fields[0].endsWith(".jar")) {
                Path jar = installed.resolve("lib/app").resolve(Path.of(fields[0]).getFileName().toString());
                assertThat(Long.parseLong(fields[2])).as(fields[0])
                        .isEqualTo(Files.getLastModifiedTime(jar).to(java.util.concurrent.TimeUnit.SECONDS));
                jars.add(fields[0]);
            }
        }
        assertThat(jars).contains("/opt/wirepunch/lib/app/wirepunch-app-" + VERSION + ".jar");
    }

    @Test
    void theJarsAreStoredWithJnaForThisSystemOnlyAndNoAnnotationOnlyJars() throws Exception {
        assumeTrue(Tools.installed("zip") && Tools.installed("unzip"), "zip or unzip is not installed: the jars are not repacked");
        Path app = installed.resolve("lib/app");
        try (var jars = Files.newDirectoryStream(app, "*.jar")) {
            for (Path jar : jars) {
                try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                    assertThat(zip.stream().filter(e -> e.getMethod() != java.util.zip.ZipEntry.STORED).map(java.util.zip.ZipEntry::getName).toList())
                            .as("deflated entries in %s", jar.getFileName()).isEmpty();
                }
            }
        }
        try (var jars = Files.newDirectoryStream(app, "jna-jpms-*.jar")) {
            Path jna = jars.iterator().next();
            try (var zip = new java.util.zip.ZipFile(jna.toFile())) {
                List<String> natives = zip.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(n -> n.matches("com/sun/jna/[a-z0-9]+-[a-z0-9-]+/.+")).toList();
                assertThat(natives).as("JNA's native libraries").containsExactly("com/sun/jna/linux-x86-64/libjnidispatch.so");
            }
        }
        try (var jars = Files.newDirectoryStream(app, "*.jar")) {
            for (Path jar : jars) {
                assertThat(jar.getFileName().toString()).doesNotStartWith("jsr305-").doesNotStartWith("checker-qual-")
                        .doesNotStartWith("error_prone_annotations-").doesNotStartWith("j2objc-annotations-")
                        .doesNotStartWith("jspecify-").doesNotStartWith("listenablefuture-");
            }
        }
    }

    private static final String CACHE = "wirepunch.aot";

    /** build-installers.sh trains an AOT cache when it packages a JDK 25 or newer. */
    private static void assumeCache() {
        assumeTrue(Files.exists(installed.resolve("lib/app/" + CACHE)), "no AOT cache: the packaging JDK is older than 25");
    }

    private ProcessBuilder sandbox(ProcessBuilder builder) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path runtime = Files.createDirectories(dir.resolve("run"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        var env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.remove("WIREPUNCH_CONFIG");
        env.remove("WIREPUNCH_CONTROL");
        env.remove("JAVA_TOOL_OPTIONS");
        return builder;
    }

    private static ProcessBuilder withDisplay(ProcessBuilder builder, String display) {
        builder.environment().put("DISPLAY", display);
        return builder;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * Starts Xvfb with trayer as the tray host and answers the display once trayer's panel is shown
     * (a JVM that looks for the tray before trayer holds it has no tray for its whole life). Tries
     * {@link #DESKTOP_ATTEMPTS} times: where other tests start and stop displays too, a new display
     * can lose its socket to an old server of the same number as that one ends.
     */
    private String startDesktop() throws Exception {
        AssertionError last = null;
        for (int attempt = 1; attempt <= DESKTOP_ATTEMPTS; attempt++) {
            int before = started.size();
            String display = ":" + startXvfb(attempt);
            start(withDisplay(new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
                    "--width", "200", "--height", "24").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("trayer-" + attempt + ".log").toFile()), display));
            try {
                awaitTree(display, t -> t.contains("(\"panel\" \"trayer\")"), "trayer panel", PANEL_WAIT);
                return display;
            } catch (AssertionError e) {
                last = e;
                System.out.println("desktop attempt " + attempt + " failed: " + Tools.tail(dir.resolve("trayer-" + attempt + ".log")));
                for (Process p : started.subList(before, started.size())) {
                    p.destroy();
                    p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        }
        throw last;
    }

    private int startXvfb(int attempt) throws Exception {
        Path displayFile = dir.resolve("display-" + attempt);
        start(new ProcessBuilder("/bin/sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>\"$0\"", displayFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()));
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            String text = Files.exists(displayFile) ? Files.readString(displayFile).strip() : "";
            if (!text.isEmpty()) {
                return Integer.parseInt(text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Xvfb named no display: " + Tools.tail(dir.resolve("xvfb.log")));
    }

    private String awaitTree(String display, java.util.function.Predicate<String> shown, String what) throws Exception {
        return awaitTree(display, shown, what, WAIT);
    }

    private String awaitTree(String display, java.util.function.Predicate<String> shown, String what, Duration wait)
            throws Exception {
        long until = System.nanoTime() + wait.toNanos();
        String tree = "";
        while (System.nanoTime() < until) {
            tree = Tools.check(withDisplay(new ProcessBuilder("xwininfo", "-root", "-tree"), display));
            if (shown.test(tree)) {
                return tree;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " not shown within " + wait.toSeconds() + " s; app log:\n" + Tools.tail(dir.resolve("app.log")) + "\n" + tree);
    }

    private String awaitOutput(ProcessBuilder builder) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        String output = "";
        while (System.nanoTime() < until) {
            Tools.Result result = Tools.run(builder, dir.resolve("await.log"), WAIT);
            output = result.output();
            if (result.exitCode() == 0 && !output.isBlank()) {
                return output;
            }
            Thread.sleep(100);
        }
        return output;
    }
}
