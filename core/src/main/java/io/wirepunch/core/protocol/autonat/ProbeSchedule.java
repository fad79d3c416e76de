package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.ReachabilityTracker;
import java.time.Duration;

/**
 * When the client probes, and how many servers it asks. go-libp2p's defaults: wait
 * {@link #BOOT_DELAY} for connections to settle, probe every {@link #RETRY_INTERVAL} while the
 * status is unknown or not yet certain (or a server refused), every {@link #REFRESH_INTERVAL}
 * once it is; ask the same server again only after {@link #PEER_THROTTLE}.
 *
 * @param serversPerRound servers asked at once each round; their answers count one by one
 */
public record ProbeSchedule(Duration bootDelay, Duration retryInterval, Duration refreshInterval,
                            Duration peerThrottle, int serversPerRound) {
    public static final Duration BOOT_DELAY = Duration.ofSeconds(15);
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(90);
    public static final Duration REFRESH_INTERVAL = Duration.ofMinutes(15);
    public static final Duration PEER_THROTTLE = Duration.ofSeconds(90);
    /** Enough that one round can settle an unknown status with a majority; few enough to stay cheap. */
    public static final int SERVERS_PER_ROUND = 3;

    public ProbeSchedule {
        if (bootDelay.isNegative() || retryInterval.isNegative() || retryInterval.isZero()
                || refreshInterval.compareTo(retryInterval) < 0 || peerThrottle.isNegative()) {
            throw new IllegalArgumentException("probe schedule needs 0 <= boot delay, 0 < retry <= refresh, throttle >= 0");
        }
        if (serversPerRound < 1) {
            throw new IllegalArgumentException("servers per round must be at least 1");
        }
    }

    public static ProbeSchedule defaults() {
        return new ProbeSchedule(BOOT_DELAY, RETRY_INTERVAL, REFRESH_INTERVAL, PEER_THROTTLE, SERVERS_PER_ROUND);
    }

    /** How long after a round the next one starts. */
    public Duration nextDelay(Reachability status, int confidence, boolean refusedOrNoServer) {
        if (refusedOrNoServer || status == Reachability.UNKNOWN || confidence < ReachabilityTracker.MAX_CONFIDENCE) {
            return retryInterval;
        }
        return refreshInterval;
    }
}
