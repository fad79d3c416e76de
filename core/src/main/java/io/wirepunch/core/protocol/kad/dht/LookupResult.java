package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.protocol.kad.KadPeer;
import java.util.List;
import java.util.Optional;

/**
 * What a lookup found.
 *
 * @param closest the peers that answered, closest to the key first, at most k
 * @param target for a find-peer lookup, the sought peer with the addresses it was announced with
 * @param hops for a found target the query depth that named it, otherwise the deepest query sent
 * @param queries requests sent, failed ones included
 * @param deadlineReached whether the overall deadline ended the lookup before it converged
 */
public record LookupResult(List<KadPeer> closest, Optional<KadPeer> target, int hops, int queries,
                           boolean deadlineReached) {
    public LookupResult {
        closest = List.copyOf(closest);
    }
}
