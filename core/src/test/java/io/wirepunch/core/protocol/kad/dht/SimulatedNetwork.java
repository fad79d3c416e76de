package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * Many DHT nodes in memory: each has a real routing table, and a FIND_NODE is answered from the
 * asked node's table as {@link DhtRequestHandler} would, without sockets. Answers complete at once.
 */
final class SimulatedNetwork {
    static final RoutingTableConfig CONFIG =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    final List<PeerId> peers = new ArrayList<>();
    final Map<PeerId, RoutingTable> tables = new HashMap<>();
    final Map<PeerId, Multiaddr> addrs = new HashMap<>();
    /** Peers whose queries fail at once, as a closed port would. */
    final Set<PeerId> down = new HashSet<>();
    /** Peers that never answer at all. */
    final Set<PeerId> silent = new HashSet<>();
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
        byte[] bytes = new byte[34];
        bytes[0] = 0x12;
        bytes[1] = 32;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return PeerId.fromBytes(bytes);
    }

    KadPeer kadPeer(PeerId peer) {
        return new KadPeer(peer, List.of(addrs.get(peer)));
    }

    /** The querier {@code requester} uses: it reads the asked peer's table. */
    PeerQuerier querierFor(PeerId requester) {
        return PeerQuerier.ofCloserPeers((peer, key) -> {
            requests++;
            if (silent.contains(peer)) {
                return new CompletableFuture<>();
            }
            if (down.contains(peer)) {
                return CompletableFuture.failedFuture(new java.io.IOException(peer + " is down"));
            }
            CompletionStage<List<KadPeer>> answer = CompletableFuture.completedFuture(
                    tables.get(peer).closest(KadId.ofKey(key), CONFIG.bucketSize() + 1).stream()
                            .filter(e -> !e.peerId().equals(requester))
                            .limit(CONFIG.bucketSize())
                            .map(e -> new KadPeer(e.peerId(), e.addresses()))
                            .toList());
            return answer;
        });
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

    Lookup lookupFrom(PeerId requester) {
        return new Lookup(requester, tables.get(requester), querierFor(requester), peer -> { });
    }
}
