package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.NatEvent;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.ReachabilityTracker;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AutoNAT client's rounds: on its {@link ProbeSchedule} it asks up to a few connected servers
 * (peers that announce the protocol, at a public IP other than ours, not asked recently) to dial
 * back our candidate addresses, and feeds each answer to the {@link ReachabilityTracker}. A newly
 * identified server starts a round at once while the status is unknown.
 */
public final class AutoNatProber {
    private static final Logger log = LoggerFactory.getLogger(AutoNatProber.class);

    private final Host host;
    private final AutoNatClient client;
    private final Function<Connection, List<Multiaddr>> candidates;
    private final PublicRanges publicRanges;
    private final boolean allowSameIp;
    private final ProbeSchedule schedule;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ReachabilityTracker tracker;
    private final EventBus<NatEvent> events;

    private final Map<PeerId, Instant> lastAsked = new HashMap<>();
    private final ProbeHistory history = new ProbeHistory();
    private CompletableFuture<List<ProbeResult>> round;
    private Scheduler.Cancellable next;
    private Instant nextAt;
    private Instant bootAt;
    private boolean running;
    private Subscription subscription;

    AutoNatProber(Host host, AutoNatClient client, Function<Connection, List<Multiaddr>> candidates,
                  PublicRanges publicRanges, boolean allowSameIp, ProbeSchedule schedule, Clock clock,
                  Scheduler scheduler, ReachabilityTracker tracker, EventBus<NatEvent> events) {
        this.host = host;
        this.client = client;
        this.candidates = candidates;
        this.publicRanges = publicRanges;
        this.allowSameIp = allowSameIp;
        this.schedule = schedule;
        this.clock = clock;
        this.scheduler = scheduler;
        this.tracker = tracker;
        this.events = events;
    }

    /** Schedules the first round after the boot delay. */
    public synchronized void start() {
        running = true;
        bootAt = clock.instant().plus(schedule.bootDelay());
        scheduleRound(schedule.bootDelay());
        subscription = host.subscribe(this::onHostEvent);
    }

    public synchronized void stop() {
        running = false;
        if (next != null) {
            next.cancel();
            next = null;
        }
        nextAt = null;
        if (subscription != null) {
            subscription.close();
        }
    }

    private void onHostEvent(HostEvent event) {
        if (event instanceof HostEvent.Identified id && id.protocols().contains(AutoNatProtocol.ID)) {
            synchronized (this) {
                if (running && round == null && tracker.status() == Reachability.UNKNOWN
                        && !clock.instant().isBefore(bootAt) && !throttled(id.peer(), clock.instant())) {
                    scheduleRound(Duration.ZERO);
                }
            }
        }
    }

    private synchronized void scheduleRound(Duration delay) {
        if (!running) {
            return;
        }
        if (next != null) {
            next.cancel();
        }
        nextAt = clock.instant().plus(delay);
        next = scheduler.schedule(delay, this::scheduledRound);
    }

    private void scheduledRound() {
        synchronized (this) {
            next = null;
            nextAt = null;
        }
        probeNow().whenComplete((r, e) -> afterRound(r));
    }

    private void afterRound(List<ProbeResult> done) {
        boolean refusedOrNone = done == null || done.isEmpty()
                || done.stream().allMatch(r -> r.verdict().isEmpty());
        scheduleRound(schedule.nextDelay(tracker.status(), tracker.confidence(), refusedOrNone));
    }

    /**
     * Runs a round now (or joins the one under way) and yields its results; empty when no server
     * could be asked. What {@code netcheck} calls.
     */
    public CompletionStage<List<ProbeResult>> probeNow() {
        List<Connection> servers;
        CompletableFuture<List<ProbeResult>> thisRound;
        synchronized (this) {
            if (round != null) {
                return round;
            }
            Instant now = clock.instant();
            servers = pickServers(now);
            servers.forEach(s -> lastAsked.put(s.remotePeer(), now));
            thisRound = new CompletableFuture<>();
            round = thisRound;
        }
        List<CompletableFuture<ProbeResult>> asks = servers.stream().map(s -> ask(s).toCompletableFuture()).toList();
        CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            List<ProbeResult> out = asks.stream().map(CompletableFuture::join).toList();
            synchronized (this) {
                round = null;
            }
            thisRound.complete(out);
        });
        return thisRound;
    }

    private List<Connection> pickServers(Instant now) {
        lastAsked.values().removeIf(at -> !now.isBefore(at.plus(schedule.peerThrottle())));
        Set<InetAddress> ourIps = allowSameIp ? Set.of() : OwnIps.of(host);
        Set<PeerId> seen = new HashSet<>();
        List<Connection> eligible = new ArrayList<>();
        for (Connection c : host.connections().all()) {
            PeerId peer = c.remotePeer();
            if (c.isOpen() && !throttled(peer, now) && seen.add(peer)
                    && host.peerstore().protocols(peer).contains(AutoNatProtocol.ID)
                    && publicAndNotOurs(c.remoteAddr(), ourIps) && !candidates.apply(c).isEmpty()) {
                eligible.add(c);
            }
        }
        Collections.shuffle(eligible);
        return eligible.subList(0, Math.min(schedule.serversPerRound(), eligible.size()));
    }

    private boolean throttled(PeerId peer, Instant now) {
        Instant at = lastAsked.get(peer);
        return at != null && now.isBefore(at.plus(schedule.peerThrottle()));
    }

    private boolean publicAndNotOurs(Multiaddr remote, Set<InetAddress> ourIps) {
        if (!publicRanges.isPublic(remote)) {
            return false;
        }
        return !ourIps.contains(remote.toInetSocketAddress().getAddress());
    }

    private CompletionStage<ProbeResult> ask(Connection server) {
        List<Multiaddr> asked = candidates.apply(server);
        return client.requestDialBack(server, asked).handle((response, error) -> {
            ProbeResult r = error == null ? fromResponse(server.remotePeer(), asked, response)
                    : new ProbeResult(server.remotePeer(), clock.instant(), asked, Optional.empty(),
                            error.toString(), Optional.empty(), Optional.of(Reachability.UNKNOWN));
            record(r);
            return r;
        });
    }

    private ProbeResult fromResponse(PeerId server, List<Multiaddr> asked, DialResponse response) {
        Optional<Reachability> verdict = switch (response.status()) {
            case OK -> Optional.of(Reachability.PUBLIC);
            case E_DIAL_ERROR -> Optional.of(Reachability.PRIVATE);
            case E_DIAL_REFUSED -> Optional.empty();
            case E_BAD_REQUEST, E_INTERNAL_ERROR -> Optional.of(Reachability.UNKNOWN);
        };
        return new ProbeResult(server, clock.instant(), asked, Optional.of(response.status()), response.statusText(),
                response.addr(), verdict);
    }

    private void record(ProbeResult r) {
        log.debug("autonat probe via {}: {} {}", r.server(), r.status().map(Enum::name).orElse("no answer"), r.detail());
        Reachability before;
        Optional<Reachability> changed;
        int confidence;
        synchronized (this) {
            before = tracker.status();
            changed = r.verdict().flatMap(tracker::record);
            confidence = tracker.confidence();
        }
        history.add(r);
        changed.ifPresent(now -> {
            log.info("reachability now {} (was {})", now, before);
            events.publish(new NatEvent.ReachabilityChanged(before, now, confidence));
        });
    }

    public List<ProbeResult> lastResults() {
        return history.latest();
    }

    /** When the next round is due, if one is scheduled. */
    public synchronized Optional<Instant> nextProbeAt() {
        return Optional.ofNullable(nextAt);
    }
}
