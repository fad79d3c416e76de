package io.wirepunch.app.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A virtual X display (Xvfb, on the first free display number) with a system tray host (trayer) on
 * it, for tests that need a real desktop. {@link #close()} stops both and what was started on it.
 */
final class XDisplay implements AutoCloseable {
    /** The tools this needs, each a Debian package of the same name but {@code xwininfo} (x11-utils) and {@code Xvfb} (xvfb). */
    static final List<String> TOOLS = List.of("Xvfb", "trayer", "xwininfo", "xdotool");
    private static final Duration START = Duration.ofSeconds(20);
    /** How many displays {@link #start} tries before it gives up. */
    static final int ATTEMPTS = 3;
    /** An embedded tray icon inside trayer's panel, as xwininfo prints it: name, size and absolute position. */
    private static final Pattern EMBEDDED = Pattern.compile(
            "\"JavaEmbeddedFrame\".*?(\\d+)x(\\d+)[+-]\\d+[+-]\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    private final String display;
    private final List<Process> processes = new ArrayList<>();

    private XDisplay(String display) {
        this.display = display;
    }

    /** The tools that are missing from the PATH. */
    static List<String> missingTools() {
        return TOOLS.stream().filter(t -> !onPath(t)).toList();
    }

    /**
     * Starts Xvfb and trayer; answers when trayer's panel is on the screen. Tries {@link #ATTEMPTS}
     * times: on a machine where other tests start and stop displays too, a display can vanish
     * under a new one (an old server of the same number removing its socket as it ends).
     */
    static XDisplay start() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return startOnce();
            } catch (IOException e) {
                last = e;
                System.out.println("XDisplay: attempt " + attempt + " failed: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw last;
    }

    private static XDisplay startOnce() throws IOException, InterruptedException {
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String n;
        try {
            n = number.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            xvfb.destroyForcibly();
            throw new IOException("Xvfb did not say which display it took", e);
        }
        if (n == null || !n.strip().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new IOException("Xvfb did not start: " + n);
        }
        XDisplay d = new XDisplay(":" + n.strip());
        d.processes.add(xvfb);
        Path trayerLog = Files.createTempFile("trayer-", ".log");
        try {
            d.start(List.of("trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "24",
                    "--SetDockType", "true"), Map.of(), ProcessBuilder.Redirect.to(trayerLog.toFile()));
            long deadline = System.nanoTime() + START.toNanos();
            String tree;
            while (!(tree = d.tree()).contains("\"panel\"")) {
                if (System.nanoTime() > deadline) {
                    d.close();
                    throw new IOException("trayer's panel did not appear on " + d.display + "; trayer said: "
                            + Files.readString(trayerLog) + "; windows: " + tree);
                }
                Thread.sleep(100);
            }
        } finally {
            Files.deleteIfExists(trayerLog);
        }
        return d;
    }

    String display() {
        return display;
    }

    /** Starts {@code command} on this display with {@code env} added; its output goes to {@code output}. */
    Process start(List<String> command, Map<String, String> env, ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        pb.environment().put("DISPLAY", display);
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Every window on the screen, as {@code xwininfo -root -tree} prints them. */
    String tree() throws IOException, InterruptedException {
        return run("xwininfo", "-root", "-tree");
    }

    /** The centre of a tray icon embedded in the panel, once one is. */
    Optional<int[]> trayIconCentre() throws IOException, InterruptedException {
        Matcher m = EMBEDDED.matcher(tree());
        if (!m.find()) {
            return Optional.empty();
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        return Optional.of(new int[] {Integer.parseInt(m.group(3)) + w / 2, Integer.parseInt(m.group(4)) + h / 2});
    }

    /** Clicks mouse button {@code button} at {@code x,y}. */
    void click(int x, int y, int button) throws IOException, InterruptedException {
        String out = run("xdotool", "mousemove", Integer.toString(x), Integer.toString(y));
        Thread.sleep(100);
        out += run("xdotool", "click", Integer.toString(button));
        if (!out.isBlank()) {
            System.out.println("xdotool: " + out.strip());
        }
    }

    /** Runs an X tool on this display to its end; answers its output. */
    String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("xdisplay-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("DISPLAY", display);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 10 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            // SIGTERM first: a killed Xvfb leaves its lock file and socket behind.
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
