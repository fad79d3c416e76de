package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peers loaded from the routing table file: worth querying first on rejoin, but not trusted, since
 * they may have left or changed addresses while the node was down. They never appear in
 * {@link RoutingTable#closest}; one answered query moves a candidate into the table, one failed
 * query drops it. Not thread-safe: {@link RoutingTable} guards it.
 */
final class BootstrapCandidates {
    /** Room for a full table (256 buckets of k = 20); a bigger file is not a table we wrote. */
    static final int MAX_CANDIDATES = KadId.BITS * RoutingTableConfig.K;

    private final Map<PeerId, StoredPeer> candidates = new LinkedHashMap<>();

    /** Adds peers until {@link #MAX_CANDIDATES}; returns how many were taken. */
    int addAll(List<StoredPeer> peers) {
        int added = 0;
        for (StoredPeer peer : peers) {
            if (candidates.size() >= MAX_CANDIDATES) {
                break;
            }
            if (candidates.putIfAbsent(peer.peerId(), peer) == null) {
                added++;
            }
        }
        return added;
    }

    boolean remove(PeerId peer) {
        return candidates.remove(peer) != null;
    }

    /** Most recently seen first: those are the likeliest to still be there. */
    List<StoredPeer> snapshot() {
        List<StoredPeer> out = new ArrayList<>(candidates.values());
        out.sort(Comparator.comparing(StoredPeer::lastSeen).reversed());
        return out;
    }
}
