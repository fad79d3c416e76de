package io.wirepunch.core.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The stdout of a running process line by line as it arrives, and its stderr collected, both read on daemon threads. */
public final class ProcessLines {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new CopyOnWriteArrayList<>();
    private final List<String> stderrSeen = new CopyOnWriteArrayList<>();

    public ProcessLines(Process process) {
        this.process = process;
        read(process.getInputStream(), true);
        read(process.getErrorStream(), false);
    }

    private void read(InputStream in, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (isStdout) {
                        stdoutSeen.add(line);
                        stdout.add(line);
                    } else {
                        stderrSeen.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process was destroyed
            } finally {
                if (isStdout) {
                    stdout.add(EOF);
                }
            }
        }, (isStdout ? "lines-out-" : "lines-err-") + process.pid());
        t.setDaemon(true);
        t.start();
    }

    public Process process() {
        return process;
    }

    /** The next stdout line matching {@code wanted}, skipping others; fails after {@code timeout} or at end of output. */
    public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    stdout.add(EOF);
                }
                throw new AssertionError("expected a matching line within " + timeout + " but got "
                        + (line == null ? "nothing" : "end of output") + "; " + this);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The next stdout line starting with {@code prefix}. */
    public String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
        return await(l -> l.startsWith(prefix), timeout);
    }

    public List<String> stdoutSoFar() {
        return List.copyOf(stdoutSeen);
    }

    public List<String> stderrSoFar() {
        return List.copyOf(stderrSeen);
    }

    @Override
    public String toString() {
        return "stdout: " + stdoutSeen + ", stderr: " + stderrSeen;
    }
}
