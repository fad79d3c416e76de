package io.wirepunch.core.protocol.kad.routing;

import java.time.Duration;

/**
 * The routing table's limits. {@link #defaults()} follows the kad-dht spec and issue #3; a
 * loopback test network, where every peer shares 127.0.0.0/24, needs
 * {@link #withMaxPeersPerNetwork} raised to {@link #UNLIMITED_PEERS_PER_NETWORK}.
 *
 * @param bucketSize k: peers per bucket
 * @param maxPeersPerNetwork peers of one IPv4 /24 or IPv6 /48 allowed in one bucket
 * @param failedQueriesBeforeRemoval queries a peer may fail in a row before it leaves the table
 * @param replacementCacheSize peers per bucket kept waiting for a free slot
 * @param refreshInterval a bucket without a lookup for this long is due for refresh
 * @param livenessCheckTimeout a liveness check still pending after this long no longer blocks new checks
 */
public record RoutingTableConfig(int bucketSize, int maxPeersPerNetwork, int failedQueriesBeforeRemoval,
        int replacementCacheSize, Duration refreshInterval, Duration livenessCheckTimeout) {
    /** The kad-dht spec's replication parameter k. */
    public static final int K = 20;
    public static final int DEFAULT_MAX_PEERS_PER_NETWORK = 2;
    public static final int UNLIMITED_PEERS_PER_NETWORK = Integer.MAX_VALUE;
    /** A single lost answer is common on a busy link; three in a row means the peer is gone. */
    public static final int DEFAULT_FAILED_QUERIES_BEFORE_REMOVAL = 3;
    /** A few spares per bucket refill it after removals without another lookup; more would only go stale. */
    public static final int DEFAULT_REPLACEMENT_CACHE_SIZE = 5;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(10);
    /** Far above any ping timeout: only a check whose stage was never completed gets this old. */
    public static final Duration DEFAULT_LIVENESS_CHECK_TIMEOUT = Duration.ofMinutes(1);

    public RoutingTableConfig {
        if (bucketSize < 1 || maxPeersPerNetwork < 1 || failedQueriesBeforeRemoval < 1 || replacementCacheSize < 0) {
            throw new IllegalArgumentException("bucket size, peers per network and failures must be positive, "
                    + "the replacement cache size not negative");
        }
        if (refreshInterval.isNegative() || livenessCheckTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static RoutingTableConfig defaults() {
        return new RoutingTableConfig(K, DEFAULT_MAX_PEERS_PER_NETWORK, DEFAULT_FAILED_QUERIES_BEFORE_REMOVAL,
                DEFAULT_REPLACEMENT_CACHE_SIZE, DEFAULT_REFRESH_INTERVAL, DEFAULT_LIVENESS_CHECK_TIMEOUT);
    }

    public RoutingTableConfig withBucketSize(int size) {
        return new RoutingTableConfig(size, maxPeersPerNetwork, failedQueriesBeforeRemoval, replacementCacheSize,
                refreshInterval, livenessCheckTimeout);
    }

    public RoutingTableConfig withMaxPeersPerNetwork(int max) {
        return new RoutingTableConfig(bucketSize, max, failedQueriesBeforeRemoval, replacementCacheSize,
                refreshInterval, livenessCheckTimeout);
    }

    public RoutingTableConfig withFailedQueriesBeforeRemoval(int failures) {
        return new RoutingTableConfig(bucketSize, maxPeersPerNetwork, failures, replacementCacheSize,
                refreshInterval, livenessCheckTimeout);
    }

    public RoutingTableConfig withReplacementCacheSize(int size) {
        return new RoutingTableConfig(bucketSize, maxPeersPerNetwork, failedQueriesBeforeRemoval, size,
                refreshInterval, livenessCheckTimeout);
    }

    public RoutingTableConfig withRefreshInterval(Duration interval) {
        return new RoutingTableConfig(bucketSize, maxPeersPerNetwork, failedQueriesBeforeRemoval, replacementCacheSize,
                interval, livenessCheckTimeout);
    }
}
