package io.wirepunch.core.protocol.relay.usage;

/** The answer to a new reservation or circuit; the refusals say which limit was the reason. */
public enum Admission {
    ADMIT,
    /** The relay as a whole is at its soft limit for this timeframe. */
    REFUSED_GLOBAL_LIMIT,
    /** The peer asking, or the peer it wants to reach, is at its soft limit. */
    REFUSED_PEER_LIMIT;

    public boolean admitted() {
        return this == ADMIT;
    }
}
