package io.wirepunch.core.node;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.CircuitTrafficListener;
import io.wirepunch.core.protocol.relay.RelayClient;
import io.wirepunch.core.protocol.relay.RelayService;
import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.protocol.relay.usage.RelayClientUsage;
import io.wirepunch.core.protocol.relay.usage.UsageService;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import io.wirepunch.core.identity.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's relays: the client every node has (it dials circuit addresses, accepts circuits, keeps
 * the reservations it was asked to, and counts what each relay carries for it), and, when asked
 * for, the relay service with its usage accounting, and the automatic reservations. Their timers share one thread.
 */
final class NodeRelays {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay-timers");
        t.setDaemon(true);
        return t;
    });
    private final RelayClientUsage clientUsage = new RelayClientUsage();
    private final RelayClient client;
    private final List<Multiaddr> keptRelays;
    private final Optional<RelayService> service;
    private final Optional<UsageService> usage;
    private final UsageCircuitObserver observer = new UsageCircuitObserver();
    private final AutoRelay autoRelay;

    NodeRelays(Host host, Clock clock, Optional<RelayServiceSettings> settings, List<Multiaddr> keptRelays,
               AutoRelay.Mode autoMode, Supplier<CompletionStage<List<Multiaddr>>> discovery) {
        Scheduler scheduler = Scheduler.of(timers);
        this.client = new RelayClient(host, clock, scheduler, new CircuitTrafficListener() {
            @Override
            public void sent(PeerId relay, long bytes) {
                clientUsage.sent(relay, bytes);
            }

            @Override
            public void received(PeerId relay, long bytes) {
                clientUsage.received(relay, bytes);
            }
        });
        this.keptRelays = List.copyOf(keptRelays);
        this.service = settings.map(s -> new RelayService(host, s.serviceLimits(), clock, scheduler, observer,
                host::dialableListenAddrs));
        this.usage = settings.map(s -> new UsageService(s.file().networkUsage(), s.dataDir(), clock));
        Set<PeerId> statics = this.keptRelays.stream().map(a -> a.peerId().orElseThrow()).collect(Collectors.toSet());
        this.autoRelay = new AutoRelay(host, client, clock, scheduler, autoMode, statics, discovery);
    }

    /** Loads the usage counts (blocking file I/O), then serves and accepts circuits; reservations follow in the background. */
    void start() {
        if (usage.isPresent()) {
            try {
                observer.attach(usage.get().start(timers), service.orElseThrow());
            } catch (IOException e) {
                throw new UncheckedIOException("relay usage: " + e.getMessage(), e);
            }
            service.orElseThrow().start();
        }
        client.start();
    }

    /** Once the host listens: reserves on each relay asked for, and keeps renewing; automatic reservations start. */
    void keepReservations() {
        keptRelays.forEach(client::keepReserved);
        autoRelay.start();
    }

    /** Ends every circuit and reservation and writes the usage counts a last time. */
    void stopService() {
        service.ifPresent(RelayService::stop);
        usage.ifPresent(UsageService::stop);
    }

    void stopClient() {
        autoRelay.stop();
        client.stop();
        timers.shutdownNow();
    }

    AutoRelay autoRelay() {
        return autoRelay;
    }

    RelayClient client() {
        return client;
    }

    /** Pauses or resumes relaying for others; the usage counts go on. False when the node does not relay. */
    boolean relayForOthers(boolean on) {
        if (service.isEmpty()) {
            return false;
        }
        if (on) {
            service.get().start();
        } else {
            service.get().stop();
        }
        return true;
    }

    Optional<RelayService> service() {
        return service;
    }

    Optional<UsageSnapshot> usageSnapshot() {
        return usage.map(UsageService::snapshot);
    }

    RelayClientUsage clientUsage() {
        return clientUsage;
    }
}
