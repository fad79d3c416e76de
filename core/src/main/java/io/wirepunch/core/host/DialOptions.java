package io.wirepunch.core.host;

/**
 * How {@link Host#connect(io.wirepunch.core.multiaddr.Multiaddr, DialOptions)} dials.
 *
 * @param forceNewConnection dial even when a connection to the peer is open; the new one is
 *     registered like any other (the duplicate rule of {@link ConnectionManager} applies). AutoNAT's
 *     dial-back needs this: only a new connection proves the peer can be reached from outside.
 */
public record DialOptions(boolean forceNewConnection) {
    /** Reuse an open connection to the peer when there is one. */
    public static final DialOptions DEFAULT = new DialOptions(false);

    public static DialOptions forceNew() {
        return new DialOptions(true);
    }
}
