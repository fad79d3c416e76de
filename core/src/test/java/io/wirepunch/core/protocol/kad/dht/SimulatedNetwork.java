package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.sim.SimNetwork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * DHT nodes in memory whose tables are filled from outside, for tests of what is done with answers
 * (records, providers, maintenance): each node knows its k nearest and a few random others, and a
 * request goes straight to the asked node's {@link DhtRequestHandler}. Lookups at scale, with nodes that
 * join as they would over sockets and messages that cross the wire encoded, run on
 * {@link io.wirepunch.core.protocol.kad.sim.SimNetwork}.
 */
final class SimulatedNetwork {
    static final RoutingTableConfig CONFIG =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    final List<PeerId> peers = new ArrayList<>();
    final Map<PeerId, RoutingTable> tables = new HashMap<>();
    final Map<PeerId, Multiaddr> addrs = new HashMap<>();
    private final Map<PeerId, ValueStore> values = new HashMap<>();
    private final Map<PeerId, ProviderStore> providers = new HashMap<>();
    int requests;

    /**
     * {@code size} nodes, each knowing its k nearest neighbours (as its self-lookup at join leaves it)
     * and {@code known} others picked at random (as later lookups and refreshes add).
     */
    SimulatedNetwork(int size, int known, RandomGenerator random) {
        for (int i = 0; i < size; i++) {
            PeerId peer = randomPeer(random);
            peers.add(peer);
            addrs.put(peer, Multiaddr.parse("/ip4/10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256) + "/tcp/4001"));
            tables.put(peer, new RoutingTable(KadId.of(peer), CONFIG,
                    entry -> CompletableFuture.completedFuture(true), Clock.systemUTC()));
        }
        for (PeerId peer : peers) {
            RoutingTable table = tables.get(peer);
            for (int j = 0; j < known; j++) {
                PeerId other = peers.get(random.nextInt(size));
                table.peerAnsweredQuery(other, List.of(addrs.get(other)));
            }
            KadId self = KadId.of(peer);
            peers.stream().filter(other -> !other.equals(peer))
                    .sorted(java.util.Comparator.comparing(KadId::of, self.byDistance()))
                    .limit(CONFIG.bucketSize())
                    .forEach(other -> table.peerAnsweredQuery(other, List.of(addrs.get(other))));
        }
    }

    static PeerId randomPeer(RandomGenerator random) {
        return SimNetwork.randomPeerId(random);
    }

    /** Peer {@code peer}'s value store, answering GET_VALUE and PUT_VALUE through {@link #handlerOf}. */
    ValueStore valuesOf(PeerId peer) {
        return values.computeIfAbsent(peer, p -> new ValueStore(Clock.systemUTC(), new RecordValidator()));
    }

    ProviderStore providersOf(PeerId peer) {
        return providers.computeIfAbsent(peer, p -> new ProviderStore(Clock.systemUTC()));
    }

    /** The request handler {@code peer} would answer with, over its table and stores, without a rate limit. */
    DhtRequestHandler handlerOf(PeerId peer) {
        return new DhtRequestHandler(tables.get(peer), new Peerstore(Clock.systemUTC()), providersOf(peer),
                valuesOf(peer), new InboundQueryLimiter(Clock.systemUTC(), 1e9, Integer.MAX_VALUE, 1));
    }

    /** A querier for {@code requester} that hands every request to the asked peer's handler; counts requests. */
    PeerQuerier handlerQuerierFor(PeerId requester) {
        PeerQuerier direct = PeerQuerier.overHandlers(requester, peer -> tables.containsKey(peer) ? handlerOf(peer) : null);
        return (peer, request) -> {
            requests++;
            return direct.ask(peer, request);
        };
    }
}
