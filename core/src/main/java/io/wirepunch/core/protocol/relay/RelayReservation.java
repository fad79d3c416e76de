package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A slot we hold on a relay: until when, the relay's addresses (each ending in /p2p/relay), the
 * limits it applies to our circuits, and its signed voucher when it gave one.
 */
public record RelayReservation(PeerId relay, Instant expiry, List<Multiaddr> relayAddrs, CircuitLimit limit,
                               Optional<ReservationVoucher> voucher) {
    public RelayReservation {
        relayAddrs = List.copyOf(relayAddrs);
    }

    /** Where peers can reach us through this relay: each relay address followed by /p2p-circuit. */
    public List<Multiaddr> circuitAddrs() {
        return relayAddrs.stream().map(a -> a.encapsulate("/p2p-circuit")).toList();
    }
}
