package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Instant;
import java.util.List;

/** What the relay service and the relay client report; one record per kind of event. */
public sealed interface RelayEvent {

    // ---- the relay service (we relay for others) ----

    /** A peer reserved a slot, or refreshed the one it had. */
    record ReservationAccepted(PeerId peer, Instant expiry, boolean refresh) implements RelayEvent {}

    record ReservationRefused(PeerId peer, Status status, String reason) implements RelayEvent {}

    /** A reservation ended: it expired, its peer disconnected, or the service stopped. */
    record ReservationEnded(PeerId peer, String reason) implements RelayEvent {}

    record CircuitOpened(long id, PeerId source, PeerId destination) implements RelayEvent {}

    record CircuitRefused(PeerId source, PeerId destination, Status status, String reason) implements RelayEvent {}

    /** A circuit closed; the byte counts are what crossed it in each direction. */
    record CircuitClosed(long id, PeerId source, PeerId destination, long sourceToDestinationBytes,
                         long destinationToSourceBytes, String reason) implements RelayEvent {}

    // ---- the relay client (others relay for us) ----

    /** We hold (or refreshed) a reservation on {@code relay}; {@code circuitAddrs} are ours through it. */
    record Reserved(PeerId relay, Instant expiry, List<Multiaddr> circuitAddrs) implements RelayEvent {}

    /** A reservation we held, or tried to get, is gone. */
    record ReservationLost(PeerId relay, String reason) implements RelayEvent {}
}
