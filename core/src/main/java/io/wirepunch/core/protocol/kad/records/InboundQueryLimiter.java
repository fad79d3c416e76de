package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.identity.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per remote peer for inbound DHT queries, so one peer cannot flood this node
 * with lookups. Each peer may spend {@link #DEFAULT_BURST} queries at once and then
 * {@link #DEFAULT_RATE_PER_SECOND} per second. At most {@link #DEFAULT_MAX_TRACKED_PEERS} buckets
 * are kept; beyond that the idlest is forgotten, which at worst hands that peer a fresh burst
 * again, while memory stays bounded however many ids an attacker makes up. Thread-safe.
 */
public final class InboundQueryLimiter {
    /** A lookup sends a handful of queries to each peer it asks; 10 a second is generous for honest use. */
    public static final double DEFAULT_RATE_PER_SECOND = 10;
    /** Room for a few lookups passing through at once. */
    public static final int DEFAULT_BURST = 30;
    public static final int DEFAULT_MAX_TRACKED_PEERS = 4_096;

    private final Clock clock;
    private final double ratePerSecond;
    private final int burst;
    private final int maxTrackedPeers;
    // Access order: the eldest entry is the one asked least recently, the idlest peer.
    private final LinkedHashMap<PeerId, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public InboundQueryLimiter(Clock clock) {
        this(clock, DEFAULT_RATE_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_TRACKED_PEERS);
    }

    public InboundQueryLimiter(Clock clock, double ratePerSecond, int burst, int maxTrackedPeers) {
        if (!(ratePerSecond > 0) || burst < 1 || maxTrackedPeers < 1) {
            throw new IllegalArgumentException("rate, burst and tracked peers must be positive");
        }
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxTrackedPeers = maxTrackedPeers;
    }

    /** Takes one token from {@code peer}'s bucket; false means: drop this query. */
    public synchronized boolean tryAcquire(PeerId peer, Instant now) {
        Bucket bucket = buckets.get(peer);
        if (bucket == null) {
            if (buckets.size() >= maxTrackedPeers) {
                var idlest = buckets.entrySet().iterator();
                idlest.next();
                idlest.remove();
            }
            bucket = new Bucket(burst, now);
            buckets.put(peer, bucket);
        } else if (now.isAfter(bucket.updated)) {
            // A clock that steps back refills nothing rather than draining or overfilling.
            Duration elapsed = Duration.between(bucket.updated, now);
            double seconds = elapsed.getSeconds() + elapsed.getNano() / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + seconds * ratePerSecond);
            bucket.updated = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return true;
        }
        return false;
    }

    public boolean tryAcquire(PeerId peer) {
        return tryAcquire(peer, clock.instant());
    }

    public synchronized int trackedPeers() {
        return buckets.size();
    }
}
