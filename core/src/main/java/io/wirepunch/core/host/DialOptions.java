package io.wirepunch.core.host;

import java.util.Objects;

/**
 * How {@link Host#connect(io.wirepunch.core.multiaddr.Multiaddr, DialOptions)} dials.
 *
 * @param forceNewConnection dial even when a connection to the peer is open; the new one is
 *     registered like any other (the duplicate rule of {@link ConnectionManager} applies). AutoNAT's
 *     dial-back needs this: only a new connection proves the peer can be reached from outside.
 * @param fromListenPort dial from the port a listener holds, whatever the host's default; a hole
 *     punch must, since the remote aims at that port's NAT mapping
 * @param upgradeAs the role this end takes in the security and muxer negotiation: {@code OUTBOUND}
 *     for a normal dial. In a hole punch both ends dial, and the TCP connection that results may be
 *     one both sides opened; the hole punch then tells each end its role, and a dialling end told
 *     {@code INBOUND} answers the negotiation as a listener would
 */
public record DialOptions(boolean forceNewConnection, boolean fromListenPort, Direction upgradeAs) {
    /** Reuse an open connection to the peer when there is one. */
    public static final DialOptions DEFAULT = new DialOptions(false, false, Direction.OUTBOUND);

    public DialOptions {
        Objects.requireNonNull(upgradeAs, "upgradeAs");
    }

    public static DialOptions forceNew() {
        return new DialOptions(true, false, Direction.OUTBOUND);
    }

    /** A new direct connection from the listening port, negotiated in {@code role}. */
    public static DialOptions holePunch(Direction role) {
        return new DialOptions(true, true, role);
    }
}
