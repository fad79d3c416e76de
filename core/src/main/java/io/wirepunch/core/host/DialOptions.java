package io.wirepunch.core.host;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * @param connectTimeout how long the TCP handshake may take, when not the transport's default: a
 *     hole punch gives up on a SYN with its attempt, so that the next attempt can use the port pair
 */
public record DialOptions(boolean forceNewConnection, boolean fromListenPort, Direction upgradeAs,
                          Optional<Duration> connectTimeout) {
    /** Reuse an open connection to the peer when there is one. */
    public static final DialOptions DEFAULT = new DialOptions(false, false, Direction.OUTBOUND, Optional.empty());

    public DialOptions {
        Objects.requireNonNull(upgradeAs, "upgradeAs");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    public static DialOptions forceNew() {
        return new DialOptions(true, false, Direction.OUTBOUND, Optional.empty());
    }

    /** A new direct connection from the listening port, negotiated in {@code role}, its SYN given up after {@code timeout}. */
    public static DialOptions holePunch(Direction role, Duration timeout) {
        return new DialOptions(true, true, role, Optional.of(timeout));
    }
}
