package io.wirepunch.core.protocol.relay.usage;

/** Where a count stands against its limit, on Wireleap's relay model. */
public enum UsageState {
    /** Below the soft limit: new reservations and circuits are welcome. */
    OK,
    /** At or past {@link UsageLimit#SOFT_LIMIT_FRACTION}: refuse new reservations and circuits, keep the active ones. */
    SOFT,
    /** At or past {@link UsageLimit#HARD_LIMIT_FRACTION}: close the active circuits too. */
    HARD;

    public UsageState worst(UsageState other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
