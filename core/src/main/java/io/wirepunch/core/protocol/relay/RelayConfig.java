package io.wirepunch.core.protocol.relay;

import java.time.Duration;

/**
 * What a relay offers and how much of it. The defaults follow go-libp2p's relay resources, so our
 * relay behaves like the ones peers already know.
 *
 * @param reservationTtl        how long a reservation (or its refresh) lasts
 * @param maxReservations       reservations held at once, over all peers; beyond it RESERVATION_REFUSED
 * @param maxReservationsPerIp  reservations from peers at one IP address; beyond it RESERVATION_REFUSED
 * @param maxCircuits           circuits open at once through this relay; beyond it RESOURCE_LIMIT_EXCEEDED
 * @param maxCircuitsPerPeer    circuits one peer takes part in, as source or destination; beyond it
 *                              RESOURCE_LIMIT_EXCEEDED
 * @param circuitLimit          the duration and per-direction data each circuit may use, announced in
 *                              every reservation and circuit; {@link CircuitLimit#NONE} for unlimited
 * @param connectTimeout        how long opening the stop stream to the destination may take
 * @param handshakeTimeout      how long a client may take to send its hop request before the stream is reset
 */
public record RelayConfig(Duration reservationTtl, int maxReservations, int maxReservationsPerIp,
                          int maxCircuits, int maxCircuitsPerPeer, CircuitLimit circuitLimit,
                          Duration connectTimeout, Duration handshakeTimeout) {
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofHours(1);
    public static final int DEFAULT_MAX_RESERVATIONS = 128;
    public static final int DEFAULT_MAX_RESERVATIONS_PER_IP = 8;
    /** go-libp2p bounds circuits per peer only; a total keeps one relay's splices countable. */
    public static final int DEFAULT_MAX_CIRCUITS = 256;
    public static final int DEFAULT_MAX_CIRCUITS_PER_PEER = 16;
    public static final Duration DEFAULT_CIRCUIT_DURATION = Duration.ofMinutes(2);
    public static final long DEFAULT_CIRCUIT_DATA_BYTES = 128 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A peer holds one reservation per relay: a second RESERVE refreshes the first (new expiry,
     * same slot), it never takes another slot. Not configurable; named so the rule is visible.
     */
    public static final int RESERVATIONS_PER_PEER = 1;

    public static RelayConfig defaults() {
        return new RelayConfig(DEFAULT_RESERVATION_TTL, DEFAULT_MAX_RESERVATIONS, DEFAULT_MAX_RESERVATIONS_PER_IP,
                DEFAULT_MAX_CIRCUITS, DEFAULT_MAX_CIRCUITS_PER_PEER,
                new CircuitLimit(DEFAULT_CIRCUIT_DURATION, DEFAULT_CIRCUIT_DATA_BYTES), DEFAULT_CONNECT_TIMEOUT,
                RelayProtocol.HANDSHAKE_TIMEOUT);
    }

    public RelayConfig {
        if (reservationTtl.isNegative() || reservationTtl.isZero() || reservationTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("reservation TTL must be at least a second");
        }
        if (maxReservations < 1 || maxReservationsPerIp < 1 || maxCircuits < 1 || maxCircuitsPerPeer < 1) {
            throw new IllegalArgumentException("relay limits must be positive");
        }
    }

    public RelayConfig withCircuitLimit(CircuitLimit limit) {
        return new RelayConfig(reservationTtl, maxReservations, maxReservationsPerIp, maxCircuits, maxCircuitsPerPeer,
                limit, connectTimeout, handshakeTimeout);
    }

    public RelayConfig withReservationLimits(int total, int perIp) {
        return new RelayConfig(reservationTtl, total, perIp, maxCircuits, maxCircuitsPerPeer, circuitLimit, connectTimeout,
                handshakeTimeout);
    }

    public RelayConfig withCircuitLimits(int total, int perPeer) {
        return new RelayConfig(reservationTtl, maxReservations, maxReservationsPerIp, total, perPeer, circuitLimit,
                connectTimeout, handshakeTimeout);
    }

    public RelayConfig withReservationTtl(Duration ttl) {
        return new RelayConfig(ttl, maxReservations, maxReservationsPerIp, maxCircuits, maxCircuitsPerPeer, circuitLimit,
                connectTimeout, handshakeTimeout);
    }

    public RelayConfig withHandshakeTimeout(Duration timeout) {
        return new RelayConfig(reservationTtl, maxReservations, maxReservationsPerIp, maxCircuits, maxCircuitsPerPeer,
                circuitLimit, connectTimeout, timeout);
    }
}
