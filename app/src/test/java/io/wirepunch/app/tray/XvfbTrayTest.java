package io.wirepunch.app.tray;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tray on a real X display: Xvfb, Debian's {@code trayer} as the tray host, the app's
 * tray in a JVM of its own; the icon must be embedded in the tray and a click must open its menu.
 * Skipped where Xvfb, trayer, xdotool or xwininfo is missing.
 */
class XvfbTrayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The Swing tray's icon window, which trayer embeds. */
    private static final Pattern ICON = Pattern.compile("(0x[0-9a-f]+) \"JavaEmbeddedFrame\".*?(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    /** Ten entries of a Swing menu are far taller than this. */
    private static final int MENU_MIN_HEIGHT = 100;

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).destroy();
        }
    }

    @Test
    void theIconSitsInTheTrayAndAClickOpensItsMenu() throws Exception {
        for (String tool : List.of("/usr/bin/Xvfb", "/usr/bin/trayer", "/usr/bin/xdotool", "/usr/bin/xwininfo")) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed");
        }
        String display = ":" + startXvfb();
        start(List.of("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200", "--height", "24"), display);

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process app = start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                TrayOnDisplay.class.getName()), display);
        BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        assertThat(readUntil(out, "TRAY")).isEqualTo("TRAY READY");

        Matcher icon = awaitWindow(display, ICON);
        int x = Integer.parseInt(icon.group(4)) + Integer.parseInt(icon.group(2)) / 2;
        int y = Integer.parseInt(icon.group(5)) + Integer.parseInt(icon.group(3)) / 2;
        assertThat(openMenus(display)).isZero();

        run(List.of("xdotool", "mousemove", String.valueOf(x), String.valueOf(y), "click", "1"), display);

        long until = System.nanoTime() + WAIT.toNanos();
        while (openMenus(display) == 0 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(openMenus(display)).as("menus open after the click").isEqualTo(1);
        app.getOutputStream().close();
        assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private int startXvfb() throws Exception {
        Path displayFile = dir.resolve("display");
        Process xvfb = new ProcessBuilder("/bin/sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1024x768x24 3>\"$0\"", displayFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        started.add(xvfb);
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            String text = Files.exists(displayFile) ? Files.readString(displayFile).strip() : "";
            if (!text.isEmpty()) {
                return Integer.parseInt(text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Xvfb named no display: " + Files.readString(dir.resolve("xvfb.log")));
    }

    private Process start(List<String> command, String display) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DISPLAY", display);
        builder.redirectError(dir.resolve(Path.of(command.get(0)).getFileName() + ".err").toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static String run(List<String> command, String display) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        return output;
    }

    private static Matcher awaitWindow(String display, Pattern pattern) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        String tree = "";
        while (System.nanoTime() < until) {
            tree = run(List.of("xwininfo", "-root", "-tree"), display);
            Matcher m = pattern.matcher(tree);
            if (m.find()) {
                return m;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no tray icon embedded in the tray:\n" + tree);
    }

    /**
     * Top-level windows of the tray's JVM that are shown and tall enough for the menu's ten
     * entries; the icon and a tooltip are a line high at most.
     */
    private static int openMenus(String display) throws Exception {
        String tree = run(List.of("xwininfo", "-root", "-children"), display);
        int open = 0;
        Matcher m = Pattern.compile("(0x[0-9a-f]+) \"[^\"]*\": \\(\"[^\"]*TrayOnDisplay\"[^)]*\\)\\s+(\\d+)x(\\d+)").matcher(tree);
        while (m.find()) {
            boolean tall = Integer.parseInt(m.group(3)) >= MENU_MIN_HEIGHT;
            if (tall && run(List.of("xwininfo", "-id", m.group(1)), display).contains("Map State: IsViewable")) {
                open++;
            }
        }
        return open;
    }

    private static String readUntil(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix) || line.startsWith("NO TRAY")) {
                return line;
            }
        }
        return "(the tray's JVM ended)";
    }
}
