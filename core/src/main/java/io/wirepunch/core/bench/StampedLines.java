package io.wirepunch.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A process's output read line by line as it comes, each line with the {@link System#nanoTime()} it was read at. */
final class StampedLines {
    private final List<Line> lines = new ArrayList<>();
    private boolean ended;

    /** A line and when it was read. */
    record Line(String text, long nanos) {}

    StampedLines(InputStream stream, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    long now = System.nanoTime();
                    synchronized (lines) {
                        lines.add(new Line(line, now));
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
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** The first line matching {@code wanted} within {@code seconds}; empty when none came or the stream ended. */
    Optional<Line> await(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                Optional<Line> hit = lines.stream().filter(l -> wanted.test(l.text())).findFirst();
                long left = deadline - System.nanoTime();
                if (hit.isPresent() || left <= 0 || ended) {
                    return hit;
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The last line read so far, for an error message; empty when there is none. */
    String last() {
        synchronized (lines) {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).text();
        }
    }
}
