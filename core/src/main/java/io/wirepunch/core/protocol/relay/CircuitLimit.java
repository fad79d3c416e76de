package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.protocol.relay.pb.CircuitProtos;
import java.time.Duration;
import java.util.Optional;

/**
 * What a relay allows one circuit: how long it may live and how many bytes it may carry in each
 * direction. Zero means no limit, as on the wire.
 */
public record CircuitLimit(Duration duration, long dataBytes) {
    /** No limit at all (a relay that sends no Limit). */
    public static final CircuitLimit NONE = new CircuitLimit(Duration.ZERO, 0);

    public CircuitLimit {
        if (duration.isNegative() || dataBytes < 0) {
            throw new IllegalArgumentException("circuit limits must not be negative");
        }
        if (duration.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("circuit duration above 2^32 - 1 seconds");
        }
    }

    public boolean isLimited() {
        return !duration.isZero() || dataBytes > 0;
    }

    /** The wire form; empty for no limit, since an absent Limit means exactly that. */
    public Optional<CircuitProtos.Limit> toProto() {
        if (!isLimited()) {
            return Optional.empty();
        }
        return Optional.of(CircuitProtos.Limit.newBuilder()
                .setDuration((int) duration.toSeconds())
                .setData(dataBytes)
                .build());
    }

    /** Reads a Limit; unsigned fields too large for a Java long are taken as no limit. */
    public static CircuitLimit fromProto(CircuitProtos.Limit pb) {
        long seconds = Integer.toUnsignedLong(pb.getDuration());
        long data = pb.getData() < 0 ? 0 : pb.getData();
        return new CircuitLimit(Duration.ofSeconds(seconds), data);
    }
}
