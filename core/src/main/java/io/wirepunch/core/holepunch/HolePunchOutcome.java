package io.wirepunch.core.holepunch;

/**
 * How a whole hole punch ended, in punchr's taxonomy (its {@code HolePunchOutcome}, same names and
 * order).
 */
public enum HolePunchOutcome {
    /** Not known: the record was never finished. */
    UNKNOWN,
    /** No relayed connection to the remote could be made, so nothing could be punched. */
    NO_CONNECTION,
    /** The relayed connection stood, but the remote never opened a DCUtR stream on it. */
    NO_STREAM,
    /** The remote connected to us directly on its own (a one-sided upgrade), so no punch was needed. */
    CONNECTION_REVERSED,
    /** Stopped before it ended: the node shut down, or the relayed connection closed. */
    CANCELLED,
    /** Every attempt failed. */
    FAILED,
    /** A direct connection was made. */
    SUCCESS
}
