package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Reachability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservations made without being asked for each relay: while enabled, keeps
 * {@link #DESIRED_RESERVATIONS} on distinct relays chosen among the candidates, connected peers whose
 * identify lists the hop protocol and relays a discovery source names (the node asks the DHT), and
 * replaces one that is lost or refused. A relay that failed is left alone for {@link #FAILURE_BACKOFF}.
 * Never reserves on itself, on a relay in {@code excluded} (the static ones), nor through a relayed
 * connection. {@link Mode#AUTO} enables it while reachability is PRIVATE and releases its own
 * reservations when it is not.
 */
public final class AutoRelay {
    private static final Logger log = LoggerFactory.getLogger(AutoRelay.class);
    /** How many automatic reservations are kept, each on another relay. */
    public static final int DESIRED_RESERVATIONS = 2;
    /** A relay that refused or failed is not tried again before this much time has passed. */
    public static final Duration FAILURE_BACKOFF = Duration.ofMinutes(5);
    /** The discovery source is asked at most once per interval, and only when candidates are short. */
    public static final Duration DISCOVERY_INTERVAL = Duration.ofMinutes(1);
    /** How often the set is checked again (a backoff over, discovery allowed again). */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

    /** When automatic reservations are made. */
    public enum Mode {
        /** Never. */
        OFF,
        /** While AutoNAT finds the node PRIVATE. */
        AUTO,
        /** Always, whatever the reachability. */
        ALWAYS
    }

    private final Host host;
    private final RelayClient client;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Mode mode;
    private final Set<PeerId> excluded;
    private final Supplier<CompletionStage<List<Multiaddr>>> discovery;
    private final Map<PeerId, Multiaddr> candidates = new LinkedHashMap<>();
    private final Set<PeerId> held = new HashSet<>();
    private final Set<PeerId> pending = new HashSet<>();
    private final Map<PeerId, Instant> backoff = new HashMap<>();
    private Instant lastDiscovery;
    private boolean discovering;
    private boolean enabled;
    private boolean running;
    private Scheduler.Cancellable timer;
    private Subscription hostEvents;
    private Subscription relayEvents;

    /**
     * @param discovery asked for more relays (addresses ending in {@code /p2p/<relay>}, or bare
     *     {@code /p2p/<relay>} with addresses in the peerstore) when candidates are short; may
     *     complete with none
     */
    public AutoRelay(Host host, RelayClient client, Clock clock, Scheduler scheduler, Mode mode,
                     Set<PeerId> excluded, Supplier<CompletionStage<List<Multiaddr>>> discovery) {
        this.host = host;
        this.client = client;
        this.clock = clock;
        this.scheduler = scheduler;
        this.mode = mode;
        this.excluded = Set.copyOf(excluded);
        this.discovery = discovery;
    }

    /** Relays without a discovery source: only connected peers found through identify. */
    public static Supplier<CompletionStage<List<Multiaddr>>> noDiscovery() {
        return () -> CompletableFuture.completedFuture(List.of());
    }

    public void start() {
        if (mode == Mode.OFF) {
            return;
        }
        synchronized (this) {
            running = true;
            enabled = mode == Mode.ALWAYS;
        }
        hostEvents = host.subscribe(e -> {
            if (e instanceof HostEvent.Identified i) {
                identified(i);
            }
        });
        relayEvents = client.subscribe(e -> {
            if (e instanceof RelayEvent.ReservationLost l) {
                lost(l.relay(), l.reason());
            }
        });
        tick();
    }

    public void stop() {
        List<PeerId> mine;
        synchronized (this) {
            running = false;
            enabled = false;
            if (timer != null) {
                timer.cancel();
            }
            mine = takeAll();
        }
        for (Subscription s : new Subscription[] {hostEvents, relayEvents}) {
            if (s != null) {
                s.close();
            }
        }
        mine.forEach(client::release);
    }

    /** What AutoNAT found; in {@link Mode#AUTO} PRIVATE enables, anything else disables and releases. */
    public void reachabilityChanged(Reachability reachability) {
        if (mode != Mode.AUTO) {
            return;
        }
        List<PeerId> released = List.of();
        synchronized (this) {
            if (!running) {
                return;
            }
            boolean on = reachability == Reachability.PRIVATE;
            if (on == enabled) {
                return;
            }
            enabled = on;
            if (!on) {
                released = takeAll();
            }
        }
        released.forEach(client::release);
        fill();
    }

    /** Lifts the discovery rate limit once, e.g. when the DHT has just joined, and fills up. */
    public void rediscover() {
        synchronized (this) {
            lastDiscovery = null;
        }
        fill();
    }

    /** The relays we hold an automatic reservation on. */
    public synchronized Set<PeerId> relays() {
        return Set.copyOf(held);
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** Whether {@code relay} is being left alone after a failure. */
    public synchronized boolean backingOff(PeerId relay) {
        Instant until = backoff.get(relay);
        return until != null && until.isAfter(clock.instant());
    }

    private List<PeerId> takeAll() {
        List<PeerId> all = new ArrayList<>(held);
        all.addAll(pending);
        held.clear();
        pending.clear();
        return all;
    }

    private void identified(HostEvent.Identified i) {
        if (!i.protocols().contains(RelayProtocol.HOP_ID) || i.connection().isRelayed()) {
            return;
        }
        synchronized (this) {
            candidates.put(i.peer(), Multiaddr.parse("/p2p/" + i.peer().toBase58()));
        }
        fill();
    }

    private void lost(PeerId relay, String reason) {
        synchronized (this) {
            if (!held.remove(relay)) {
                return;
            }
            backoff.put(relay, clock.instant().plus(FAILURE_BACKOFF));
        }
        log.debug("automatic reservation on {} lost ({}), replacing it", relay, reason);
        client.release(relay);
        fill();
    }

    private void tick() {
        synchronized (this) {
            if (!running) {
                return;
            }
            timer = scheduler.schedule(CHECK_INTERVAL, this::tick);
        }
        fill();
    }

    /** Reserves on as many usable candidates as are missing, and asks for more when there are too few. */
    void fill() {
        Map<PeerId, Multiaddr> picks = new LinkedHashMap<>();
        boolean discover = false;
        synchronized (this) {
            if (!enabled) {
                return;
            }
            Instant now = clock.instant();
            backoff.values().removeIf(until -> !until.isAfter(now));
            int need = DESIRED_RESERVATIONS - held.size() - pending.size();
            for (Map.Entry<PeerId, Multiaddr> c : candidates.entrySet()) {
                if (picks.size() >= need) {
                    break;
                }
                PeerId p = c.getKey();
                if (!p.equals(host.peerId()) && !excluded.contains(p) && !held.contains(p)
                        && !pending.contains(p) && !backoff.containsKey(p)) {
                    picks.put(p, c.getValue());
                }
            }
            pending.addAll(picks.keySet());
            if (picks.size() < need && !discovering
                    && (lastDiscovery == null || !now.isBefore(lastDiscovery.plus(DISCOVERY_INTERVAL)))) {
                discovering = true;
                lastDiscovery = now;
                discover = true;
            }
        }
        picks.forEach((relay, addr) -> client.keepReserved(addr).whenComplete((r, e) -> reserved(relay, e)));
        if (discover) {
            discover();
        }
    }

    private void discover() {
        CompletionStage<List<Multiaddr>> found;
        try {
            found = discovery.get();
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((addrs, e) -> {
            synchronized (this) {
                discovering = false;
                if (addrs != null) {
                    addrs.stream().filter(a -> a.peerId().isPresent())
                            .forEach(a -> candidates.putIfAbsent(a.peerId().get(), a));
                }
            }
            if (e != null) {
                log.debug("finding relays failed: {}", e.getMessage());
            } else if (!addrs.isEmpty()) {
                fill();
            }
        });
    }

    private void reserved(PeerId relay, Throwable failure) {
        boolean keep;
        synchronized (this) {
            boolean wanted = pending.remove(relay) && enabled;
            keep = wanted && failure == null;
            if (keep) {
                held.add(relay);
            } else if (failure != null) {
                backoff.put(relay, clock.instant().plus(FAILURE_BACKOFF));
                log.debug("no automatic reservation on {}: {}", relay, failure.getMessage());
            }
        }
        if (!keep) {
            client.release(relay);
        }
        fill();
    }
}
