package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.require;
import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.requireAtLeastOne;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code reservations} section: how many circuit relay v2 reservations the relay holds.
 * The defaults are go-libp2p's relay defaults ({@code relay.DefaultResources()}), so that peers
 * meet the limits they know from the reference relay.
 */
public record ReservationConfig(int max, int maxPerPeer, int maxPerIp, Duration ttl) {
    static final String SECTION = "reservations";

    /** go-libp2p {@code MaxReservations}. */
    public static final int DEFAULT_MAX = 128;
    /** go-libp2p {@code MaxReservationsPerPeer}. */
    public static final int DEFAULT_MAX_PER_PEER = 4;
    /** go-libp2p {@code MaxReservationsPerIP}. */
    public static final int DEFAULT_MAX_PER_IP = 8;
    /** go-libp2p {@code ReservationTTL}. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public static final ReservationConfig DEFAULTS = new ReservationConfig(DEFAULT_MAX, DEFAULT_MAX_PER_PEER,
            DEFAULT_MAX_PER_IP, DEFAULT_TTL);

    public ReservationConfig {
        requireAtLeastOne(max, SECTION + ".max");
        requireAtLeastOne(maxPerPeer, SECTION + ".max_per_peer");
        requireAtLeastOne(maxPerIp, SECTION + ".max_per_ip");
        Objects.requireNonNull(ttl, "ttl");
        require(!ttl.isZero() && !ttl.isNegative(), SECTION + ".ttl", "must be longer than 0");
    }
}
