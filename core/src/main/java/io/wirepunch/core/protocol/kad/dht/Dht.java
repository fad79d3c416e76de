package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.KadServer;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.RepublishSchedule;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One node's part of a Kademlia DHT: its routing table, record stores, the server that answers
 * peers (server mode only) and the lookups it runs. A peer enters the table only by answering a
 * query: our lookups' answers, and a kad PING sent to every peer identify shows speaking the
 * protocol. In a private DHT only peers whose key shows the configured work bits take part.
 * {@link #start()} joins the network in the background and runs the timers; {@link #stop()} saves
 * the table for the next start.
 */
public final class Dht {
    public enum Mode { SERVER, CLIENT }

    private final Host host;
    private final DhtConfig config;
    private final KadClient client;
    private final RoutingTable table;
    private final ProviderStore providers;
    private final ValueStore values;
    private final KadServer server;
    private final Lookup lookup;
    private final ProviderOps providerOps;
    private final ValueOps valueOps;
    private final PeerJoiner joiner;
    private final DhtMaintenance maintenance;
    private final Bootstrapper bootstrapper;
    private final TableFile tableFile;
    private final Subscription identified;
    private Mode mode = Mode.CLIENT;
    private ScheduledExecutorService timers;

    public Dht(Host host, DhtConfig config, Clock clock) {
        this(host, new KadClient(config.protocolId(), KadProtocol.REQUEST_TIMEOUT), config, clock);
    }

    /** A DHT over {@code client}'s protocol id with no bootstrap peers and no saved table. */
    public Dht(Host host, KadClient client, RoutingTableConfig tableConfig, Clock clock) {
        this(host, client, DhtConfig.publicDht().withProtocolId(client.protocolId()).withTable(tableConfig)
                .withBootstrapPeers(List.of()), clock);
    }

    private Dht(Host host, KadClient client, DhtConfig config, Clock clock) {
        this.host = host;
        this.config = config;
        this.client = client;
        SecureRandom random = new SecureRandom();
        this.table = new RoutingTable(KadId.of(host.peerId()), config.table(), entry -> ping(entry.peerId()), clock,
                random);
        this.providers = new ProviderStore(clock);
        RecordValidator validator = new RecordValidator();
        this.values = new ValueStore(clock, validator);
        RepublishSchedule republish = new RepublishSchedule(clock);
        this.server = new KadServer(host, client.protocolId(), new DhtRequestHandler(table, host.peerstore(),
                providers, values, new InboundQueryLimiter(clock), config.work(),
                Optional.of(() -> new KadPeer(host.peerId(), host.advertisedAddrs()))));
        PeerQuerier querier = new NetworkQuerier(host, client, table, config.work());
        this.lookup = new Lookup(host.peerId(), table, querier, this::remember);
        this.providerOps = new ProviderOps(host, client, lookup, providers, republish, clock);
        this.valueOps = new ValueOps(lookup, querier, values, validator, ValueOps.DEFAULT_QUORUM);
        this.joiner = new PeerJoiner(host, table, this::admitIfAnswering, lookup);
        this.maintenance = new DhtMaintenance(table, lookup::closestPeers, providerOps::announce, republish,
                providers, values, clock, host.peerId().toBytes(), random);
        this.bootstrapper = new Bootstrapper(
                () -> joiner.join(config.bootstrapPeers(), table.bootstrapCandidates()),
                () -> table.size() == 0, clock, random);
        this.tableFile = new TableFile(config.tableFile());
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

    public DhtConfig config() {
        return config;
    }

    public RoutingTable table() {
        return table;
    }

    public ProviderStore providers() {
        return providers;
    }

    public ValueStore values() {
        return values;
    }

    /**
     * Loads the saved routing table as bootstrap candidates, starts the maintenance timers and
     * begins joining through the saved and configured peers in the background; see
     * {@link #bootstrapState()}. Completes once the timers run, not when the node has joined.
     */
    public synchronized CompletionStage<Void> start() {
        if (timers != null) {
            return CompletableFuture.completedFuture(null);
        }
        table.addBootstrapCandidates(tableFile.load());
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dht-timers " + host.peerId().toBase58());
            thread.setDaemon(true);
            return thread;
        });
        maintenance.start(timers);
        bootstrapper.start(timers);
        return CompletableFuture.completedFuture(null);
    }

    public BootstrapState bootstrapState() {
        return bootstrapper.state();
    }

    /**
     * Connects to {@code peers}, admits those that answer a kad PING, then looks up our own id so
     * the peers closest to us learn of us and we of them. Fails when no peer answers; /dns and
     * /dnsaddr addresses are resolved by the host's resolver first.
     */
    public CompletionStage<LookupResult> bootstrap(List<Multiaddr> peers) {
        return joiner.join(peers, List.of());
    }

    public CompletionStage<LookupResult> findPeer(PeerId peer) {
        return lookup.findPeer(peer);
    }

    /** The k peers closest to {@code key} (a peer id's bytes or any DHT key), closest first. */
    public CompletionStage<LookupResult> closestPeers(byte[] key) {
        return lookup.closestPeers(key);
    }

    /**
     * Announces this node as a provider of {@code key} (ADD_PROVIDER carrying our peer id and listen
     * addresses) to the k closest peers a lookup finds; stores it locally and schedules republishing.
     * Completes with the number of peers it was sent to; fails when there was none.
     */
    public CompletionStage<Integer> provide(byte[] key) {
        return providerOps.provide(key);
    }

    /**
     * Providers of {@code key}: the local store first, then a GET_PROVIDERS lookup that ends early
     * once {@code max} distinct providers are known. Completes with up to {@code max} providers,
     * possibly none; their addresses are kept in the peerstore.
     */
    public CompletionStage<List<KadPeer>> findProviders(byte[] key, int max) {
        return providerOps.findProviders(key, max);
    }

    /**
     * Validates and stores {@code record} locally, then sends PUT_VALUE to the k closest peers.
     * Completes with how many echoed it back; fails at once for an invalid record or one older
     * than the record stored here.
     */
    public CompletionStage<Integer> putValue(KadRecord record) {
        return valueOps.putValue(record);
    }

    /**
     * The best valid record under {@code key} (the validator's choice: the highest sequence number
     * for /wirepunch/ records), from the local store and a GET_VALUE lookup that ends early once
     * 16 answers agree (the default quorum of js and go); peers that held a worse record are sent the best.
     */
    public CompletionStage<Optional<KadRecord>> getValue(byte[] key) {
        return valueOps.getValue(key);
    }

    /**
     * Stops the timers and the bootstrap, saves the routing table (atomically, when a file is
     * configured) and stops answering. Lookups under way run to their end.
     */
    public synchronized CompletionStage<Void> stop() {
        identified.close();
        bootstrapper.stop();
        maintenance.stop();
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
            tableFile.save(table.peersToSave());
        }
        if (mode == Mode.SERVER) {
            server.stop();
            mode = Mode.CLIENT;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Peers that lack the work bits are never asked, so they never enter the table. */
    private CompletionStage<Boolean> admitIfAnswering(PeerId peer, List<Multiaddr> addrs) {
        if (!WorkGate.admits(config.work(), host.peerstore(), peer)) {
            return CompletableFuture.completedFuture(false);
        }
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

    /** Peers named in answers get short-lived addresses, enough for the lookup to dial them. */
    private void remember(KadPeer peer) {
        if (!peer.id().equals(host.peerId()) && !peer.addrs().isEmpty()) {
            host.peerstore().addAddrs(peer.id(), peer.addrs(), Peerstore.TEMP_ADDR_TTL);
        }
    }
}
