package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.NatEvent;
import io.wirepunch.core.nat.ObservedAddressFeed;
import io.wirepunch.core.nat.ObservedAddressManager;
import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.ReachabilityTracker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reachability for one host: observed addresses from identify (confirmed ones announced), the
 * AutoNAT server for others, the AutoNAT client's probes for us, and the resulting
 * {@link ReachabilitySnapshot} and {@link NatEvent}s.
 */
public final class AutoNatService {
    private final Host host;
    private final AutoNatConfig config;
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownExecutor;
    private final EventBus<NatEvent> events = new EventBus<>();
    private final ObservedAddressManager observed;
    private final ObservedAddressFeed feed;
    private final ReachabilityTracker tracker = new ReachabilityTracker();
    private final AutoNatServer server;
    private final AutoNatProber prober;
    private volatile boolean running;

    public AutoNatService(Host host, AutoNatConfig config, Clock clock) {
        this(host, config, clock, null, null);
    }

    /** With an injected scheduler (tests move time by hand) and, when not null, fixed candidate addresses. */
    AutoNatService(Host host, AutoNatConfig config, Clock clock, Scheduler scheduler,
                   Function<Connection, List<Multiaddr>> candidates) {
        this.host = host;
        this.config = config;
        if (scheduler == null) {
            ownExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "autonat");
                t.setDaemon(true);
                return t;
            });
            this.scheduler = Scheduler.of(ownExecutor);
        } else {
            ownExecutor = null;
            this.scheduler = scheduler;
        }
        this.observed = new ObservedAddressManager(clock, config.observed());
        this.feed = new ObservedAddressFeed(host, observed, config.publicRanges(), events);
        this.server = new AutoNatServer(host, config.serverConfig(), clock);
        this.prober = new AutoNatProber(host, new AutoNatClient(host.peerId()),
                candidates != null ? candidates : new CandidateAddresses(host, feed, config.publicRanges()),
                config.publicRanges(), config.allowSameIp(), config.schedule(), clock, this.scheduler, tracker, events);
    }

    public void start() {
        running = true;
        feed.start();
        host.onAddressesChanged(tracker::addressesChanged);
        if (config.serve()) {
            server.start();
        }
        if (config.probe()) {
            prober.start();
        }
        scheduleRenewal();
    }

    private void scheduleRenewal() {
        scheduler.schedule(ObservedAddressFeed.RENEW_INTERVAL, () -> {
            if (running) {
                feed.renew();
                scheduleRenewal();
            }
        });
    }

    public void stop() {
        running = false;
        prober.stop();
        server.stop();
        feed.close();
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    /** Probes now, with up to a round's worth of servers not asked recently; what {@code netcheck} runs. */
    public CompletionStage<List<ProbeResult>> probeNow() {
        return prober.probeNow();
    }

    public Reachability reachability() {
        return tracker.status();
    }

    public ReachabilitySnapshot snapshot() {
        return new ReachabilitySnapshot(tracker.status(), tracker.confidence(), observed.observed(), feed.announced(),
                observed.mapping(), prober.lastResults(), prober.nextProbeAt());
    }

    public Subscription subscribe(Consumer<? super NatEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public AutoNatConfig config() {
        return config;
    }
}
