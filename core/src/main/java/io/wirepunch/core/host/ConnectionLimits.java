package io.wirepunch.core.host;

import java.time.Duration;

/**
 * The host's limits on connections and streams.
 *
 * @param maxConnections    established connections in total; an inbound one beyond it is closed at once
 * @param maxPendingUpgrades connections still in their handshake; more are refused so a flood of
 *                           half-open connections cannot pin memory
 * @param maxStreamsPerPeer  streams open to one peer over all its connections; an inbound stream beyond it is reset
 * @param upgradeTimeout     how long the security and muxer negotiation may take
 * @param duplicateGrace     how long a second connection to an already connected peer may live
 *                           while it still carries streams, before the host closes it
 */
public record ConnectionLimits(int maxConnections, int maxPendingUpgrades, int maxStreamsPerPeer,
                               Duration upgradeTimeout, Duration duplicateGrace) {
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final int DEFAULT_MAX_PENDING_UPGRADES = 64;
    public static final int DEFAULT_MAX_STREAMS_PER_PEER = 1024;
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DUPLICATE_GRACE = Duration.ofSeconds(10);

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_UPGRADES,
                DEFAULT_MAX_STREAMS_PER_PEER, DEFAULT_UPGRADE_TIMEOUT, DEFAULT_DUPLICATE_GRACE);
    }

    public ConnectionLimits {
        if (maxConnections < 1 || maxPendingUpgrades < 1 || maxStreamsPerPeer < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }
}
