package io.wirepunch.core.nat;

import java.util.Optional;

/**
 * Turns AutoNAT verdicts into a reachability with a confidence, as go-libp2p does: agreeing
 * verdicts raise the confidence up to {@link #MAX_CONFIDENCE}; a contrary verdict first lowers it,
 * and only one that arrives at zero confidence flips the status. A server may be wrong (its own
 * firewall, a lie, a hairpin through our NAT), so one answer never overturns several.
 * Unlike go-libp2p, which turns public on the first success, both directions need the same
 * contrary evidence here. Thread-safe.
 */
public final class ReachabilityTracker {
    /** go-libp2p's maxConfidence: a settled status takes four contrary verdicts to flip. */
    public static final int MAX_CONFIDENCE = 3;

    private Reachability status = Reachability.UNKNOWN;
    private int confidence;

    /**
     * Records one verdict: {@link Reachability#PUBLIC} for a successful dial-back,
     * {@link Reachability#PRIVATE} for a failed one, {@link Reachability#UNKNOWN} when the probe
     * itself failed. Returns the new status when it changed.
     */
    public synchronized Optional<Reachability> record(Reachability verdict) {
        if (verdict == status) {
            if (status != Reachability.UNKNOWN && confidence < MAX_CONFIDENCE) {
                confidence++;
            }
            return Optional.empty();
        }
        if (verdict != Reachability.UNKNOWN && status == Reachability.UNKNOWN) {
            return flip(verdict);
        }
        if (confidence > 0) {
            confidence--;
            return Optional.empty();
        }
        return flip(verdict);
    }

    private Optional<Reachability> flip(Reachability to) {
        status = to;
        confidence = 0;
        return Optional.of(to);
    }

    /** Our addresses changed: a settled status is less certain, so the next probe comes sooner. */
    public synchronized void addressesChanged() {
        if (confidence == MAX_CONFIDENCE) {
            confidence--;
        }
    }

    public synchronized Reachability status() {
        return status;
    }

    public synchronized int confidence() {
        return confidence;
    }
}
