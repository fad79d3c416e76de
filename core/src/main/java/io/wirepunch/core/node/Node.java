package io.wirepunch.core.node;

import io.wirepunch.core.holepunch.HolePunchService;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.autonat.AutoNatService;
import io.wirepunch.core.protocol.identify.IdentifyService;
import io.wirepunch.core.nat.NatEvent;
import io.wirepunch.core.nat.upnp.NodeUpnp;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.BootstrapStatus;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.perf.PerfService;
import io.wirepunch.core.protocol.ping.PingService;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.RelayClient;
import io.wirepunch.core.protocol.relay.RelayService;
import io.wirepunch.core.protocol.relay.usage.RelayClientUsage;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The engine as the CLI and the app see it: a host with its built-in services (identify, ping,
 * AutoNAT with the observed addresses, a relay client, hole punching, and as {@link NodeOptions} ask: the perf
 * server, a DHT, the relay service with its usage accounting, reservations kept on relays, automatic
 * reservations while AutoNAT finds the node private; a relay with a DHT provides {@link RelayDiscovery#RELAY_KEY}).
 * Starting the node starts the DHT, which joins in the background and keeps trying, and asks the
 * relays for reservations; stopping the node ends the relaying, writes the usage counts, and
 * leaves the DHT before the host closes.
 */
public final class Node {
    private final Host host;
    private final IdentifyService identify;
    private final PingService ping;
    private final PerfService perf;
    private final AutoNatService autonat;
    private final boolean servePerf;
    private final Optional<Dht> dht;
    private final Optional<Dht.Mode> dhtMode;
    private final Optional<BootstrapWatch> bootstrapWatch;
    private final NodeRelays relays;
    private final HolePunchService holePunch;
    private final AtomicBoolean announced = new AtomicBoolean();
    private final AtomicBoolean participating = new AtomicBoolean(true);
    private final Optional<NodeUpnp> upnp;

    public Node(HostConfig config, boolean servePerf) {
        this(config, NodeOptions.defaults().withPerf(servePerf));
    }

    public Node(HostConfig config, boolean servePerf, Optional<DhtSettings> dht) {
        this(config, NodeOptions.defaults().withPerf(servePerf).withDht(dht));
    }

    /** With reachability settings, e.g. {@code --public-ranges} for a testbed. */
    public Node(HostConfig config, boolean servePerf, AutoNatConfig autonatConfig) {
        this(config, NodeOptions.defaults().withPerf(servePerf).withAutonat(autonatConfig));
    }

    public Node(HostConfig config, boolean servePerf, Optional<DhtSettings> dht, AutoNatConfig autonatConfig) {
        this(config, NodeOptions.defaults().withPerf(servePerf).withDht(dht).withAutonat(autonatConfig));
    }

    public Node(HostConfig config, NodeOptions options) {
        this.host = new Host(config);
        this.identify = new IdentifyService(host);
        this.ping = new PingService(host);
        this.perf = new PerfService(host);
        this.autonat = new AutoNatService(host, options.autonat(), config.clock());
        this.upnp = options.upnp() ? Optional.of(new NodeUpnp(host, config.clock())) : Optional.empty();
        this.servePerf = options.servePerf();
        this.dht = options.dht().map(s -> new Dht(host, s.config(), config.clock()));
        this.dhtMode = options.dht().map(DhtSettings::mode);
        this.bootstrapWatch = this.dht.map(d -> new BootstrapWatch(d::bootstrapState, host.peerId().toBase58()));
        this.relays = new NodeRelays(host, config.clock(), options.relayService(), options.relays(), options.autoRelay(),
                this.dht.map(RelayDiscovery::through).orElse(AutoRelay.noDiscovery()));
        this.holePunch = new HolePunchService(host, options.holePunch().withPublicRanges(options.autonat().publicRanges()),
                () -> ObservedListenAddrs.of(host, autonat.snapshot().observed()), config.clock());
        this.autonat.subscribe(e -> {
            if (e instanceof NatEvent.ReachabilityChanged c) {
                relays.autoRelay().reachabilityChanged(c.current());
            }
        });
        onDhtBootstrap(state -> {
            if (state.status() == BootstrapStatus.JOINED) {
                relays.autoRelay().rediscover();
            }
        });
        if (this.dht.isPresent() && options.relayService().isPresent()) {
            Dht d = this.dht.get();
            onDhtBootstrap(state -> {
                if (state.status() == BootstrapStatus.JOINED && announced.compareAndSet(false, true)) {
                    RelayDiscovery.provide(d).whenComplete((n, e) -> {
                        if (e != null) {
                            announced.set(false);
                        }
                    });
                }
            });
        }
    }

    /** Completes once the node listens; a DHT then joins in the background (see {@link #onDhtBootstrap}). */
    public CompletionStage<Void> start() {
        try {
            relays.start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        identify.start();
        ping.start();
        autonat.start();
        holePunch.start();
        if (servePerf) {
            perf.serve();
        }
        return host.start().thenCompose(started -> {
            relays.keepReservations();
            upnp.ifPresent(NodeUpnp::start);
            return startDht();
        });
    }

    private CompletionStage<Void> startDht() {
        if (dht.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        dht.get().setMode(dhtMode.orElseThrow());
        return dht.get().start().thenRun(() -> bootstrapWatch.orElseThrow().start());
    }

    /**
     * Stops relaying (every circuit ends, the usage counts are written), leaves the DHT (stops its
     * timers and answering), then closes every connection and listener.
     */
    public CompletionStage<Void> stop() {
        relays.stopService();
        bootstrapWatch.ifPresent(BootstrapWatch::stop);
        autonat.stop();
        holePunch.stop();
        CompletionStage<Void> left = dht.map(Dht::stop).orElse(CompletableFuture.completedFuture(null));
        CompletionStage<Void> unmapped = upnp.map(NodeUpnp::stop).orElse(CompletableFuture.completedFuture(null));
        return left.thenCombine(unmapped, (a, b) -> (Void) null)
                .thenCompose(done -> host.stop()).whenComplete((done, e) -> relays.stopClient());
    }

    public Host host() {
        return host;
    }

    public IdentifyService identify() {
        return identify;
    }

    public PingService ping() {
        return ping;
    }

    public PerfService perf() {
        return perf;
    }

    /** The DHT, when the node was given {@link DhtSettings}. */
    public Optional<Dht> dht() {
        return dht;
    }

    /**
     * Tells {@code subscriber}, on a timer thread, each time the DHT's bootstrap status changes
     * (joining, joined, no peer reachable), starting with the status at {@link #start()}. A node
     * without a DHT never calls it.
     */
    public Subscription onDhtBootstrap(Consumer<? super BootstrapState> subscriber) {
        return bootstrapWatch.map(w -> w.subscribe(subscriber)).orElse(() -> { });
    }

    /**
     * Whether the node takes part for others: relays within its limits (when it has a relay
     * service). Its own connections, reservations and hole punches go on either way.
     */
    public boolean participating() {
        return participating.get();
    }

    /** Switches taking part on or off (the tray's "Participate"); answers the state now. */
    public synchronized boolean setParticipating(boolean on) {
        if (participating.getAndSet(on) != on) {
            relays.relayForOthers(on);
        }
        return on;
    }

    /** Hole punching: DCUtR in both roles, its outcome records and their history. */
    public HolePunchService holePunch() {
        return holePunch;
    }

    /** Reachability: observed addresses, NAT mapping, AutoNAT server and probes. */
    public AutoNatService autonat() {
        return autonat;
    }

    /** The UPnP port mapping, when {@link NodeOptions#upnp()} asked for one. */
    public Optional<NodeUpnp> upnp() {
        return upnp;
    }

    /** The relay client: dials circuit addresses, accepts circuits, keeps the reservations asked for. */
    public RelayClient relayClient() {
        return relays.client();
    }

    /** The automatic reservations ({@link NodeOptions#autoRelay()}). */
    public AutoRelay autoRelay() {
        return relays.autoRelay();
    }

    /** The relay service, when the node relays for others. */
    public Optional<RelayService> relayService() {
        return relays.service();
    }

    /** What the relay service carried in this period against its limits, when the node relays; after {@link #start()}. */
    public Optional<UsageSnapshot> relayUsage() {
        return relays.usageSnapshot();
    }

    /** What each relay carried for this node since it started. */
    public RelayClientUsage.Snapshot relayClientUsage() {
        return relays.clientUsage().snapshot();
    }
}
