package io.wirepunch.core.measure.server;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per API key (by its authorization id): {@link #BURST} calls at once, refilled at
 * {@link #PER_SECOND} a second. Only authorized keys get a bucket, so there are as many as keys.
 */
public final class RateLimiter {
    /** Calls a key may make at once. */
    public static final int BURST = 100;
    /** Calls a key may make each second, sustained. */
    public static final double PER_SECOND = 20;

    private final Clock clock;
    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Takes a token from the key's bucket; false when it is empty. */
    public boolean tryAcquire(long authorization) {
        long nowMillis = clock.millis();
        Bucket b = buckets.computeIfAbsent(authorization, k -> new Bucket(BURST, nowMillis));
        synchronized (b) {
            double elapsed = Math.max(0, nowMillis - b.lastMillis) / 1000.0;
            b.tokens = Math.min(BURST, b.tokens + elapsed * PER_SECOND);
            b.lastMillis = Math.max(b.lastMillis, nowMillis);
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        double tokens;
        long lastMillis;

        Bucket(double tokens, long lastMillis) {
            this.tokens = tokens;
            this.lastMillis = lastMillis;
        }
    }
}
