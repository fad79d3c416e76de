package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.require;
import static io.wirepunch.core.protocol.relay.usage.RelayConfigException.requireNonNegative;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code circuits} section: how many relayed connections the relay carries at once, and
 * how long and how much each may carry before the relay resets it. Every value may be 0,
 * meaning unlimited (circuit relay v2 likewise leaves a circuit unlimited when its reservation
 * names no limit). The per-circuit defaults are go-libp2p's ({@code relay.DefaultLimit()}):
 * enough for a hole punch's coordination, not for a bulk transfer.
 */
public record CircuitConfig(int max, int maxPerPeer, Duration maxDuration, long maxBytes) {
    static final String SECTION = "circuits";

    /** go-libp2p caps circuits per peer only; a total keeps a desktop relay's load small. */
    public static final int DEFAULT_MAX = 64;
    /** go-libp2p {@code MaxCircuits}, which counts per peer. */
    public static final int DEFAULT_MAX_PER_PEER = 16;
    /** go-libp2p {@code RelayLimit.Duration}. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(2);
    /** go-libp2p {@code RelayLimit.Data}, counted in each direction. */
    public static final long DEFAULT_MAX_BYTES = 128 * ByteSize.KB;

    public static final CircuitConfig DEFAULTS = new CircuitConfig(DEFAULT_MAX, DEFAULT_MAX_PER_PEER,
            DEFAULT_MAX_DURATION, DEFAULT_MAX_BYTES);

    public CircuitConfig {
        requireNonNegative(max, SECTION + ".max");
        requireNonNegative(maxPerPeer, SECTION + ".max_per_peer");
        Objects.requireNonNull(maxDuration, "maxDuration");
        require(!maxDuration.isNegative(), SECTION + ".max_duration", "must not be negative");
        requireNonNegative(maxBytes, SECTION + ".max_bytes");
    }

    public boolean unlimitedCount() {
        return max == 0;
    }

    public boolean unlimitedCountPerPeer() {
        return maxPerPeer == 0;
    }

    public boolean unlimitedDuration() {
        return maxDuration.isZero();
    }

    public boolean unlimitedBytes() {
        return maxBytes == 0;
    }
}
