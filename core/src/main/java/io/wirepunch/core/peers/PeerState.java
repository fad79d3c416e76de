package io.wirepunch.core.peers;

import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.Optional;

/**
 * One peer as {@code show} lists it, in WireGuard's terms where they fit.
 *
 * @param peer the peer
 * @param endpoint the remote address of the connection new streams use (a circuit address when relayed)
 * @param relay the relay that connection runs through; empty when it is direct
 * @param latestHandshake when the newest open connection finished its Noise handshake
 * @param rxBytes bytes received over the peer's open connections, framing included
 * @param txBytes bytes sent over them
 * @param connections how many connections are open to the peer
 * @param agent what the peer said it runs, through identify
 * @param lastHolePunch how the latest hole punch with the peer ended
 */
public record PeerState(PeerId peer, Optional<Multiaddr> endpoint, Optional<PeerId> relay, Optional<Instant> latestHandshake,
                        long rxBytes, long txBytes, int connections, Optional<String> agent,
                        Optional<HolePunchOutcome> lastHolePunch) {

    /** {@code direct}, {@code relayed}, or {@code none} when no connection is open. */
    public String path() {
        if (connections == 0) {
            return "none";
        }
        return relay.isPresent() ? "relayed" : "direct";
    }
}
