package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadServer;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One node's part of a Kademlia DHT: its routing table, record stores, the server that answers
 * peers (server mode only) and the lookups it runs. A peer enters the table only by answering a
 * query: our lookups' answers, and a kad PING sent to every peer identify shows speaking the protocol.
 */
public final class Dht {
    public enum Mode { SERVER, CLIENT }

    private final Host host;
    private final KadClient client;
    private final RoutingTable table;
    private final ProviderStore providers;
    private final KadServer server;
    private final Lookup lookup;
    private final Subscription identified;
    private Mode mode = Mode.CLIENT;

    public Dht(Host host, KadClient client, RoutingTableConfig config, Clock clock) {
        this.host = host;
        this.client = client;
        this.table = new RoutingTable(KadId.of(host.peerId()), config,
                entry -> ping(entry.peerId()), clock);
        this.providers = new ProviderStore(clock);
        ValueStore values = new ValueStore(clock, new RecordValidator());
        this.server = new KadServer(host, client.protocolId(), new DhtRequestHandler(table, host.peerstore(),
                providers, values, new InboundQueryLimiter(clock)));
        this.lookup = new Lookup(host.peerId(), table, this::askCloserPeers, this::remember);
        this.identified = host.subscribe(event -> {
            if (event instanceof HostEvent.Identified id && id.protocols().contains(client.protocolId())) {
                admitIfAnswering(id.peer(), id.listenAddrs());
            }
        });
    }

    /** Server mode advertises the protocol and answers queries; client mode does neither, but still looks up. */
    public synchronized void setMode(Mode newMode) {
        if (newMode == mode) {
            return;
        }
        if (newMode == Mode.SERVER) {
            server.start();
        } else {
            server.stop();
        }
        mode = newMode;
    }

    public synchronized Mode mode() {
        return mode;
    }

    public RoutingTable table() {
        return table;
    }

    public ProviderStore providers() {
        return providers;
    }

    /**
     * Connects to the bootstrap peers, admits those that answer a kad PING, then looks up our own
     * id so the peers closest to us learn of us and we of them. Fails when no bootstrap peer answers.
     */
    public CompletionStage<LookupResult> bootstrap(List<Multiaddr> peers) {
        CompletableFuture<?>[] joins = peers.stream()
                .map(addr -> host.connect(addr).thenCompose(this::admitConnected).toCompletableFuture()
                        .exceptionally(e -> false))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(joins).thenCompose(done -> {
            if (table.size() == 0) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("no bootstrap peer answered a kad query"));
            }
            return lookup.closestPeers(host.peerId().toBytes());
        });
    }

    public CompletionStage<LookupResult> findPeer(PeerId peer) {
        return lookup.findPeer(peer);
    }

    /** The k peers closest to {@code key} (a peer id's bytes or any DHT key), closest first. */
    public CompletionStage<LookupResult> closestPeers(byte[] key) {
        return lookup.closestPeers(key);
    }

    public synchronized void stop() {
        identified.close();
        if (mode == Mode.SERVER) {
            server.stop();
            mode = Mode.CLIENT;
        }
    }

    private CompletionStage<Boolean> admitConnected(Connection connection) {
        return admitIfAnswering(connection.remotePeer(), List.of(connection.remoteAddr()));
    }

    private CompletionStage<Boolean> admitIfAnswering(PeerId peer, List<Multiaddr> addrs) {
        return ping(peer).thenApply(alive -> {
            if (alive) {
                table.peerAnsweredQuery(peer, addrs);
            }
            return alive;
        });
    }

    /** The liveness check and admission probe: a kad PING, so only peers that answer kad count. */
    private CompletionStage<Boolean> ping(PeerId peer) {
        return client.request(host, peer, KadMessage.ping()).handle((answer, error) -> error == null);
    }

    private CompletionStage<List<KadPeer>> askCloserPeers(PeerId peer, byte[] key) {
        // A table peer's addresses may have expired from the peerstore; the table still has them.
        if (host.peerstore().addrs(peer).isEmpty()) {
            table.find(peer).ifPresent(entry ->
                    host.peerstore().addAddrs(peer, entry.addresses(), Peerstore.TEMP_ADDR_TTL));
        }
        return client.request(host, peer, KadMessage.of(KadMessage.Type.FIND_NODE, key))
                .thenApply(KadMessage::closerPeers);
    }

    /** Peers named in answers get short-lived addresses, enough for the lookup to dial them. */
    private void remember(KadPeer peer) {
        if (!peer.id().equals(host.peerId()) && !peer.addrs().isEmpty()) {
            host.peerstore().addAddrs(peer.id(), peer.addrs(), Peerstore.TEMP_ADDR_TTL);
        }
    }
}
