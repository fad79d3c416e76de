package io.wirepunch.core.node;

import io.wirepunch.core.protocol.relay.CircuitLimit;
import io.wirepunch.core.protocol.relay.RelayConfig;
import io.wirepunch.core.protocol.relay.usage.CircuitConfig;
import io.wirepunch.core.protocol.relay.usage.RelayConfigException;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import io.wirepunch.core.protocol.relay.usage.ReservationConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A node that relays for others: the relay configuration file's sections, and the directory its
 * relative {@code stats_file} and {@code archive_dir} are resolved against.
 */
public record RelayServiceSettings(RelayConfigFile file, Path dataDir) {
    /** What "no limit" on a count becomes in the service: more than a relay could ever hold. */
    static final int UNLIMITED_COUNT = Integer.MAX_VALUE;

    public RelayServiceSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The file's defaults, with the usage files in {@code dataDir}. */
    public static RelayServiceSettings defaults(Path dataDir) {
        return new RelayServiceSettings(RelayConfigFile.DEFAULTS, dataDir);
    }

    /**
     * The service's limits from the {@code reservations} and {@code circuits} sections (0 in a
     * circuits count means unlimited). {@code reservations.max_per_peer} needs no counterpart: a peer
     * holds one reservation per relay, and a second request renews it, so any value of at least 1 holds.
     */
    public RelayConfig serviceLimits() {
        ReservationConfig r = file.reservations();
        CircuitConfig c = file.circuits();
        CircuitLimit perCircuit;
        try {
            perCircuit = new CircuitLimit(c.maxDuration(), c.maxBytes());
        } catch (IllegalArgumentException e) {
            throw new RelayConfigException("circuits.max_duration", e.getMessage());
        }
        RelayConfig limits;
        try {
            limits = RelayConfig.defaults().withReservationTtl(r.ttl());
        } catch (IllegalArgumentException e) {
            throw new RelayConfigException("reservations.ttl", e.getMessage());
        }
        return limits
                .withReservationLimits(r.max(), r.maxPerIp())
                .withCircuitLimits(c.unlimitedCount() ? UNLIMITED_COUNT : c.max(),
                        c.unlimitedCountPerPeer() ? UNLIMITED_COUNT : c.maxPerPeer())
                .withCircuitLimit(perCircuit);
    }
}
