package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import java.time.Instant;
import java.util.List;

/** The relay service at one moment: who holds reservations, which circuits are open, bytes carried. */
public record RelaySnapshot(List<ReservationView> reservations, List<CircuitView> circuits, long bytesRelayed) {

    public record ReservationView(PeerId peer, String address, Instant expiry) {}

    public record CircuitView(long id, PeerId source, PeerId destination, Instant openedAt,
                              long sourceToDestinationBytes, long destinationToSourceBytes) {}
}
