package io.wirepunch.core.node;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.protocol.identify.IdentifyService;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.LookupResult;
import io.wirepunch.core.protocol.perf.PerfService;
import io.wirepunch.core.protocol.ping.PingService;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine as the CLI and the app see it: a host with its built-in services (identify, ping,
 * when asked for the perf server, and when given {@link DhtSettings} a DHT). Starting the node
 * joins the DHT, stopping it leaves. Later services (relay, punching) hang off this too.
 */
public final class Node {
    private final Host host;
    private final IdentifyService identify;
    private final PingService ping;
    private final PerfService perf;
    private final boolean servePerf;
    private final Optional<DhtSettings> dhtSettings;
    private final Optional<Dht> dht;
    private final CompletableFuture<LookupResult> joined = new CompletableFuture<>();

    public Node(HostConfig config, boolean servePerf) {
        this(config, servePerf, Optional.empty());
    }

    public Node(HostConfig config, boolean servePerf, Optional<DhtSettings> dht) {
        this.host = new Host(config);
        this.identify = new IdentifyService(host);
        this.ping = new PingService(host);
        this.perf = new PerfService(host);
        this.servePerf = servePerf;
        this.dhtSettings = dht;
        // The work requirement waits for the engine to take one; the protocol id already separates networks.
        this.dht = dht.map(s -> new Dht(host, new KadClient(s.protocolId(), KadProtocol.REQUEST_TIMEOUT), s.table(),
                Clock.systemUTC()));
    }

    /**
     * Starts listening; with a DHT, sets its mode and then joins through the bootstrap peers in the
     * background ({@link #joined()} tells how that went). Completes once the node listens.
     */
    public CompletionStage<Void> start() {
        identify.start();
        ping.start();
        if (servePerf) {
            perf.serve();
        }
        return host.start().thenRun(this::startDht);
    }

    private void startDht() {
        if (dht.isEmpty()) {
            return;
        }
        DhtSettings settings = dhtSettings.orElseThrow();
        dht.get().setMode(settings.mode());
        if (settings.bootstrap().isEmpty()) {
            return;
        }
        dht.get().bootstrap(settings.bootstrap()).whenComplete((result, error) -> {
            if (error != null) {
                joined.completeExceptionally(error);
            } else {
                joined.complete(result);
            }
        });
    }

    /** Leaves the DHT (stops answering it), then closes every connection and listener. */
    public CompletionStage<Void> stop() {
        dht.ifPresent(Dht::stop);
        return host.stop();
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
     * The first bootstrap's outcome: completes once the lookup of our own id finished, fails when
     * no bootstrap peer answered. Never completes without a DHT or bootstrap peers.
     */
    public CompletionStage<LookupResult> joined() {
        return joined.minimalCompletionStage();
    }
}
