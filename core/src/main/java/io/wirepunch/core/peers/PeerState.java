package io.wirepunch.core.peers;

import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One peer as {@code show} lists it, in WireGuard's terms where they fit.
 *
 * @param peer the peer
 * @param endpoint the remote address of the connection new streams use (a circuit address when relayed)
 * @param relay the relay that connection runs through; empty when it is direct
 * @param latestHandshake the latest authenticated exchange: when the newest open connection finished its
 *     Noise handshake, or a member's latest keepalive pong, whichever came later
 * @param rxBytes bytes received over the peer's open connections, framing included
 * @param txBytes bytes sent over them
 * @param connections how many connections are open to the peer
 * @param agent what the peer said it runs, through identify
 * @param lastHolePunch how the latest hole punch with the peer ended
 * @param member what the network files say of the peer, when it is a member
 * @param rtt the latest keepalive round trip to it
 * @param nat what its connection says about its NAT
 */
public record PeerState(PeerId peer, Optional<Multiaddr> endpoint, Optional<PeerId> relay, Optional<Instant> latestHandshake,
                        long rxBytes, long txBytes, int connections, Optional<String> agent,
                        Optional<HolePunchOutcome> lastHolePunch, Optional<Membership> member, Optional<Duration> rtt,
                        Nat nat) {

    /** A member's name, networks, overlay ranges, keepalive and trust, from the network files. */
    public record Membership(Optional<String> name, List<String> networks, List<String> allowedIps, Duration keepalive,
                             TrustLevel trust) {
        public Membership {
            networks = List.copyOf(networks);
            allowedIps = List.copyOf(allowedIps);
        }
    }

    /**
     * What the connection tells about the peer's NAT: {@link #PUBLIC} when this node dialled it
     * directly without a hole punch, {@link #NATTED} when it took a relay or a hole punch, else
     * {@link #UNKNOWN} (it dialled us, or no connection is open).
     */
    public enum Nat {
        PUBLIC,
        NATTED,
        UNKNOWN
    }

    /** {@code direct}, {@code relayed}, or {@code none} when no connection is open. */
    public String path() {
        if (connections == 0) {
            return "none";
        }
        return relay.isPresent() ? "relayed" : "direct";
    }
}
