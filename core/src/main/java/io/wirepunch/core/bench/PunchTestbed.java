package io.wirepunch.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One NAT testbed ({@code testbed.sh up ID NAT_A NAT_B}) and the processes this benchmark starts in
 * its namespaces. {@link #close()} stops them and takes the testbed down; a shutdown hook does the
 * same should the JVM end first (Ctrl-C), so that no namespace outlives the run.
 */
final class PunchTestbed implements AutoCloseable {
    private static final long SCRIPT_SECONDS = 120;
    private static final long STOP_SECONDS = 10;
    private static final String ID_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The ID prefix of {@code bench punch}'s testbeds. */
    static final String PUNCH_PREFIX = "pb";

    private final Path script;
    private final String id;
    private final List<Process> started = new ArrayList<>();
    private final Thread hook;
    private boolean down;

    private PunchTestbed(Path script, String id) {
        this.script = script;
        this.id = id;
        this.hook = new Thread(this::takeDown, "punch-bench-testbed-" + id);
    }

    /** Why the testbed cannot run here, as one sentence; empty when it can. */
    static Optional<String> problem(Path script) {
        if (!isRoot()) {
            return Optional.of("the NAT testbed needs root, since it builds network namespaces and router rules");
        }
        if (!Files.isRegularFile(script)) {
            return Optional.of("the NAT testbed script " + script + " does not exist");
        }
        try {
            Result r = run(List.of("bash", script.toString(), "check"), SCRIPT_SECONDS);
            if (r.exit() != 0) {
                String why = r.stderr().strip().lines().reduce((a, b) -> b).orElse("exit " + r.exit());
                return Optional.of("the NAT testbed cannot run here (" + why.replaceFirst("^testbed: ", "") + ")");
            }
        } catch (IOException e) {
            return Optional.of("could not run the NAT testbed check: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Brings up a testbed with a fresh ID (letters and digits, 8 of them, starting with "pb"). */
    static PunchTestbed up(Path script, String natA, String natB) throws IOException {
        return up(script, PUNCH_PREFIX, natA, natB);
    }

    /**
     * Brings up a testbed with a fresh ID: {@code prefix} (two lowercase letters, one per benchmark, so
     * that each one's namespaces are told apart) and six random letters and digits.
     */
    static PunchTestbed up(Path script, String prefix, String natA, String natB) throws IOException {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            id.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
        }
        PunchTestbed bed = new PunchTestbed(script, id.toString());
        Runtime.getRuntime().addShutdownHook(bed.hook);
        Result r = run(List.of("bash", script.toString(), "up", bed.id, natA, natB), SCRIPT_SECONDS);
        if (r.exit() != 0) {
            bed.close();
            throw new IOException("testbed.sh up " + bed.id + " " + natA + " " + natB + " failed: " + r.stderr().strip());
        }
        return bed;
    }

    String id() {
        return id;
    }

    /** {@code command} in namespace ID-{@code node}, running until {@link #close()}; its stdout read by line. */
    Lines start(String node, List<String> command) throws IOException {
        Process p = new ProcessBuilder(inNamespace(node, command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        synchronized (this) {
            started.add(p);
        }
        return new Lines(p);
    }

    /**
     * {@code command} in namespace ID-{@code node} with the given stdin, stdout and stderr, stopped by
     * {@link #close()} if it is still running then.
     */
    Process spawn(String node, List<String> command, ProcessBuilder.Redirect in, ProcessBuilder.Redirect out,
                  ProcessBuilder.Redirect err) throws IOException {
        Process p = new ProcessBuilder(inNamespace(node, command)).redirectInput(in).redirectOutput(out)
                .redirectError(err).start();
        synchronized (this) {
            started.add(p);
        }
        return p;
    }

    /** {@code command} in namespace ID-{@code node} until it exits or {@code seconds} pass (then killed). */
    Result run(String node, List<String> command, long seconds) throws IOException {
        return run(inNamespace(node, command), seconds);
    }

    private List<String> inNamespace(String node, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", id + "-" + node));
        full.addAll(command);
        return full;
    }

    private static Result run(List<String> command, long seconds) throws IOException {
        Process p = new ProcessBuilder(command).start();
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        }, "punch-bench-stderr");
        errReader.setDaemon(true);
        errReader.start();
        StringBuilder out = new StringBuilder();
        Thread outReader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        }, "punch-bench-stdout");
        outReader.setDaemon(true);
        outReader.start();
        try {
            boolean exited = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
            outReader.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            errReader.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            return new Result(exited ? p.exitValue() : -1, out.toString(), err.toString());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** A finished command: its exit status (-1 when it was killed after its time), stdout and stderr. */
    record Result(int exit, String stdout, String stderr) {}

    /** Stops what was started here and runs {@code testbed.sh down ID}. */
    @Override
    public void close() {
        takeDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void takeDown() {
        if (down) {
            return;
        }
        down = true;
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            run(List.of("bash", script.toString(), "down", id), SCRIPT_SECONDS);
        } catch (IOException e) {
            System.err.println("bench: could not take the testbed " + id + " down: " + e.getMessage()
                    + "; run testbed.sh down " + id);
        }
    }

    /** A long-running process's stdout, kept line by line so that one can wait for a line. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        Lines(Process process) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                synchronized (lines) {
                    ended = true;
                    lines.notifyAll();
                }
            }, "punch-bench-lines");
            t.setDaemon(true);
            t.start();
        }

        /** The first line matching {@code wanted} within {@code seconds}; empty when none came or the process ended. */
        Optional<String> await(Predicate<String> wanted, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (true) {
                    Optional<String> hit = lines.stream().filter(wanted).findFirst();
                    long left = deadline - System.nanoTime();
                    if (hit.isPresent() || left <= 0 || ended) {
                        return hit;
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
    }
}
