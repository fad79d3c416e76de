package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;

/** A peer as the routing table file keeps it: enough to dial it again after a restart. */
public record StoredPeer(PeerId peerId, List<Multiaddr> addresses, Instant lastSeen) {
    public StoredPeer {
        addresses = List.copyOf(addresses);
    }
}
