package io.wirepunch.core.protocol.relay.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A byte limit per timeframe and its two thresholds, as in Wireleap's relay: at 90% new
 * reservations and circuits are refused, so that clients move to other relays smoothly; at 93%
 * the active circuits are closed, leaving a margin for the bytes still in flight. A count has
 * reached a threshold when it is at or above it; thresholds are rounded up to whole bytes, so
 * with a limit of 1 MiB the soft state starts at byte 943,719 (90% is 943,718.4).
 */
public final class UsageLimit {
    public static final double SOFT_LIMIT_FRACTION = 0.90;
    public static final double HARD_LIMIT_FRACTION = 0.93;
    /** A limit of 0 bytes, which means none. */
    public static final UsageLimit UNLIMITED = new UsageLimit(0);

    private final long bytes;
    private final long softThreshold;
    private final long hardThreshold;

    private UsageLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative limit: " + bytes);
        }
        this.bytes = bytes;
        this.softThreshold = bytes == 0 ? Long.MAX_VALUE : threshold(bytes, SOFT_LIMIT_FRACTION);
        this.hardThreshold = bytes == 0 ? Long.MAX_VALUE : threshold(bytes, HARD_LIMIT_FRACTION);
    }

    /** The limit of {@code bytes} per timeframe; 0 means unlimited. */
    public static UsageLimit of(long bytes) {
        return bytes == 0 ? UNLIMITED : new UsageLimit(bytes);
    }

    public long bytes() {
        return bytes;
    }

    public boolean unlimited() {
        return bytes == 0;
    }

    /** The first count in the soft state; {@code Long.MAX_VALUE} when unlimited. */
    public long softThreshold() {
        return softThreshold;
    }

    /** The first count in the hard state; {@code Long.MAX_VALUE} when unlimited. */
    public long hardThreshold() {
        return hardThreshold;
    }

    public UsageState state(long used) {
        return used >= hardThreshold ? UsageState.HARD : used >= softThreshold ? UsageState.SOFT : UsageState.OK;
    }

    /** {@code used} as a fraction of the limit (may exceed 1); 0 when unlimited. */
    public double fraction(long used) {
        return bytes == 0 ? 0 : (double) used / bytes;
    }

    /** Exact decimal arithmetic: 0.9 × a limit must not land a byte off through binary rounding. */
    private static long threshold(long bytes, double fraction) {
        return BigDecimal.valueOf(bytes).multiply(BigDecimal.valueOf(fraction))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    @Override
    public String toString() {
        return bytes == 0 ? "unlimited" : ByteSize.format(bytes);
    }
}
