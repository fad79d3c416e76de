package io.wirepunch.core.node;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.autonat.AutoNatService;
import io.wirepunch.core.protocol.identify.IdentifyService;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.perf.PerfService;
import io.wirepunch.core.protocol.ping.PingService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The engine as the CLI and the app see it: a host with its built-in services (identify, ping,
 * AutoNAT with the observed addresses, when asked for the perf server, and when given
 * {@link DhtSettings} a DHT). Starting the node starts the DHT, which joins in the background and
 * keeps trying; stopping the node leaves it. Later services (relay, punching) hang off this too.
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

    public Node(HostConfig config, boolean servePerf) {
        this(config, servePerf, Optional.empty(), AutoNatConfig.defaults());
    }

    public Node(HostConfig config, boolean servePerf, Optional<DhtSettings> dht) {
        this(config, servePerf, dht, AutoNatConfig.defaults());
    }

    /** With reachability settings, e.g. {@code --public-ranges} for a testbed. */
    public Node(HostConfig config, boolean servePerf, AutoNatConfig autonatConfig) {
        this(config, servePerf, Optional.empty(), autonatConfig);
    }

    public Node(HostConfig config, boolean servePerf, Optional<DhtSettings> dht, AutoNatConfig autonatConfig) {
        this.host = new Host(config);
        this.identify = new IdentifyService(host);
        this.ping = new PingService(host);
        this.perf = new PerfService(host);
        this.autonat = new AutoNatService(host, autonatConfig, config.clock());
        this.servePerf = servePerf;
        this.dht = dht.map(s -> new Dht(host, s.config(), config.clock()));
        this.dhtMode = dht.map(DhtSettings::mode);
        this.bootstrapWatch = this.dht.map(d -> new BootstrapWatch(d::bootstrapState, host.peerId().toBase58()));
    }

    /** Completes once the node listens; a DHT then joins in the background (see {@link #onDhtBootstrap}). */
    public CompletionStage<Void> start() {
        identify.start();
        ping.start();
        autonat.start();
        if (servePerf) {
            perf.serve();
        }
        return host.start().thenCompose(started -> startDht());
    }

    private CompletionStage<Void> startDht() {
        if (dht.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        dht.get().setMode(dhtMode.orElseThrow());
        return dht.get().start().thenRun(() -> bootstrapWatch.orElseThrow().start());
    }

    /** Leaves the DHT (stops its timers and answering), then closes every connection and listener. */
    public CompletionStage<Void> stop() {
        bootstrapWatch.ifPresent(BootstrapWatch::stop);
        autonat.stop();
        CompletionStage<Void> left = dht.map(Dht::stop).orElse(CompletableFuture.completedFuture(null));
        return left.thenCompose(done -> host.stop());
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

    /** Reachability: observed addresses, NAT mapping, AutoNAT server and probes. */
    public AutoNatService autonat() {
        return autonat;
    }
}
