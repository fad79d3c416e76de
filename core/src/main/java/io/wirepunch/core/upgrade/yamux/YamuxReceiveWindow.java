package io.wirepunch.core.upgrade.yamux;

/**
 * Receive-side flow control of one stream. Keeps {@code credit + buffered <= target}, so a stream
 * never holds more unread bytes than the window it granted, and grants new credit in batches of at
 * least half the target to keep WINDOW_UPDATE frames rare.
 * <p>
 * Auto-tuning: when half a window was consumed in less than two round trips, the window and not the
 * reader is what limits throughput, so the target doubles (up to the configured maximum).
 */
final class YamuxReceiveWindow {
    private final int maxTarget;
    private int target;
    private long credit;
    private long buffered;
    private long epochStartNanos;

    YamuxReceiveWindow(int initialTarget, int maxTarget, long nowNanos) {
        this.target = initialTarget;
        this.maxTarget = maxTarget;
        this.credit = YamuxConfig.SPEC_INITIAL_STREAM_WINDOW;
        this.epochStartNanos = nowNanos;
    }

    /** Accounts for received DATA; false when the peer sent more than the credit we granted. */
    boolean onReceived(int length) {
        if (length > credit) {
            return false;
        }
        credit -= length;
        buffered += length;
        return true;
    }

    /** Accounts for bytes handed to the stream's pipeline. */
    void onConsumed(int length) {
        buffered -= length;
    }

    /**
     * Returns the credit to grant now, or 0 when the pending grant is too small to be worth a frame.
     * The returned amount is considered granted.
     */
    long takeGrant(long nowNanos, long rttNanos) {
        long grant = target - credit - buffered;
        if (grant < target / 2) {
            return 0;
        }
        if (rttNanos > 0 && target < maxTarget && nowNanos - epochStartNanos < 2 * rttNanos) {
            int grown = (int) Math.min((long) target * 2, maxTarget);
            grant += grown - target;
            target = grown;
        }
        epochStartNanos = nowNanos;
        credit += grant;
        return grant;
    }

    /** The grant due right at stream start when the configured window exceeds the spec's initial one. */
    long takeInitialGrant() {
        long grant = target - credit;
        credit += grant;
        return grant;
    }

    int target() {
        return target;
    }

    long credit() {
        return credit;
    }
}
