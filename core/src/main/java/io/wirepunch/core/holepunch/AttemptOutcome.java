package io.wirepunch.core.holepunch;

/**
 * How one hole-punch attempt (a CONNECT, SYNC and simultaneous dial) ended, in punchr's taxonomy
 * (its {@code HolePunchAttemptOutcome}, same names and order).
 */
public enum AttemptOutcome {
    /** Not known: the attempt never finished. */
    UNKNOWN,
    /** A direct dial to a public address of the remote worked, so no punch was needed. */
    DIRECT_DIAL,
    /** The remote broke the DCUtR exchange: a malformed message, one out of order, a reset stream. */
    PROTOCOL_ERROR,
    /** Stopped before it ended. */
    CANCELLED,
    /** The remote did not answer in time, or the dial found nothing before its deadline. */
    TIMEOUT,
    /** The dial failed: no candidate address, or every one refused or unreachable. */
    FAILED,
    /** The attempt made a direct connection. */
    SUCCESS
}
