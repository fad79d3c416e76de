package io.wirepunch.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end's stdout, read to its end on a thread of its own: counts the bytes, compares them
 * with what was sent, and notes when the first byte came and when the end did.
 */
final class ByteSink {
    private static final int BUFFER = 64 * 1024;

    private final byte[] expected;
    private final Thread thread;
    private long count;
    private boolean exact = true;
    private long firstNanos;
    private long endNanos;
    private IOException failure;

    ByteSink(InputStream in, byte[] expected, String name) {
        this.expected = expected;
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[BUFFER];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                synchronized (this) {
                    if (count == 0) {
                        firstNanos = System.nanoTime();
                    }
                    if (exact && (count + n > expected.length
                            || Arrays.mismatch(buf, 0, n, expected, (int) count, (int) count + n) >= 0)) {
                        exact = false;
                    }
                    count += n;
                }
            }
            synchronized (this) {
                endNanos = System.nanoTime();
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    /** Waits up to {@code seconds} for the end; what was received by then. */
    Received await(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        synchronized (this) {
            boolean ended = endNanos != 0;
            return new Received(count, ended && exact && count == expected.length, exact,
                    ended && count > 0 ? (endNanos - firstNanos) / 1e9 : 0,
                    failure != null ? failure.getMessage() : ended ? "" : "no end within " + seconds + " s");
        }
    }

    /**
     * Bytes received; whether they are exactly those sent; whether what came matches the start of what
     * was sent (so that only the end is missing); seconds from the first byte to the end (0 if none).
     */
    record Received(long bytes, boolean exact, boolean prefixExact, double seconds, String error) {
        /** MB/s (10^6 bytes a second) from the first byte to the end; 0 when nothing or everything at once came. */
        double mbps() {
            return seconds > 0 ? bytes / seconds / 1e6 : 0;
        }
    }
}
