package io.wirepunch.core.host;

/** Who opened a connection or stream. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
