package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.List;

/**
 * A peer of the routing table as it was when read: immutable, so it can be handed to lookups and
 * views without holding the table's lock.
 *
 * @param lastSeen when the peer last proved alive (a query answer or a liveness check)
 * @param lastUseful when the peer last answered one of our queries
 * @param failedQueries queries failed in a row since its last answer
 * @param networkGroup the network it is counted in for the diversity limit
 */
public record PeerEntry(PeerId peerId, KadId kadId, List<Multiaddr> addresses, Instant lastSeen,
        Instant lastUseful, int failedQueries, NetworkGroup networkGroup) {
    public PeerEntry {
        addresses = List.copyOf(addresses);
    }

    PeerEntry seenAt(Instant when) {
        return new PeerEntry(peerId, kadId, addresses, when, lastUseful, failedQueries, networkGroup);
    }

    PeerEntry answeredAt(Instant when, List<Multiaddr> newAddresses, NetworkGroup newGroup) {
        return new PeerEntry(peerId, kadId, newAddresses, when, when, 0, newGroup);
    }

    PeerEntry withFailedQuery() {
        return new PeerEntry(peerId, kadId, addresses, lastSeen, lastUseful, failedQueries + 1, networkGroup);
    }

    StoredPeer toStored() {
        return new StoredPeer(peerId, addresses, lastSeen);
    }
}
