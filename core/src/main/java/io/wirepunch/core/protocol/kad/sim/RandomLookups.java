package io.wirepunch.core.protocol.kad.sim;

import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import java.util.List;
import java.util.SplittableRandom;

/** Find-peer lookups from random nodes for random other nodes of a {@link SimNetwork}, one after another. */
public final class RandomLookups {
    private RandomLookups() {}

    /**
     * Runs {@code count} lookups, each alone; a lookup counts as found when it ends with the target and
     * the target's address. Messages per lookup are all the requests the network carried for it, those
     * still in flight when it ended and the PINGs it set off (peers admitting the asker, liveness
     * checks) included.
     */
    public static LookupStats findPeers(SimNetwork network, int count, SplittableRandom random) {
        if (network.size() < 2) {
            throw new IllegalArgumentException("a lookup needs a network of two nodes at least");
        }
        LookupStats stats = new LookupStats();
        for (int i = 0; i < count; i++) {
            SimNode from = network.node(random.nextInt(network.size()));
            SimNode target = from;
            while (target == from) {
                target = network.node(random.nextInt(network.size()));
            }
            long before = network.messages();
            LookupResult result = network.await(network.lookupFrom(from).findPeer(target.peerId()));
            network.settle();
            boolean found = result.target().map(KadPeer::addrs).orElseGet(List::of)
                    .contains(target.address());
            stats.add(found, result.hops(), network.messages() - before);
        }
        return stats;
    }
}
