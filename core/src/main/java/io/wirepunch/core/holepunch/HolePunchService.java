package io.wirepunch.core.holepunch;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Direction;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hole punching for a host: answers DCUtR streams on relayed connections, starts a hole punch on
 * each relayed connection a peer opens to us (once identify has named its protocols), runs one on
 * demand, records every outcome in punchr's taxonomy, publishes it as an event and keeps it in a
 * bounded {@link HolePunchHistory}.
 */
public final class HolePunchService {
    private static final Logger log = LoggerFactory.getLogger(HolePunchService.class);
    /** Hole punches under way at once, both roles together; more are refused (a stream is reset). */
    public static final int MAX_CONCURRENT = 32;

    private final HolePunchContext ctx;
    private final EventBus<HolePunchEvent> events = new EventBus<>();
    private final HolePunchHistory history = new HolePunchHistory();
    private final Map<PeerId, Runnable> running = new ConcurrentHashMap<>();
    private volatile Subscription hostEvents;

    /**
     * @param observedAddrs how peers see this node's listening ports (from identify), offered in
     *     CONNECT beside the advertised public addresses
     */
    public HolePunchService(Host host, HolePunchConfig config, Supplier<List<Multiaddr>> observedAddrs, Clock clock) {
        this.ctx = new HolePunchContext(host, config, observedAddrs, clock, this::publish);
    }

    public HolePunchConfig config() {
        return ctx.config();
    }

    public void start() {
        ctx.host().protocols().register(DcutrProtocol.ID, this::accept);
        hostEvents = ctx.host().subscribe(this::onHostEvent);
    }

    public void stop() {
        Subscription s = hostEvents;
        if (s != null) {
            s.close();
        }
        ctx.host().protocols().unregister(DcutrProtocol.ID);
        running.values().forEach(Runnable::run);
    }

    public Subscription subscribe(Consumer<? super HolePunchEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public HolePunchHistory history() {
        return history;
    }

    private void publish(HolePunchEvent e) {
        if (e instanceof HolePunchEvent.Finished f) {
            HolePunchRecord r = f.record();
            history.add(r);
            log.info("hole punch with {} as {}: {} after {} attempt(s) in {} ms{}", r.remote(), r.role(), r.outcome(),
                    r.attempts().size(), r.elapsed().toMillis(), r.error().map(m -> " (" + m + ")").orElse(""));
        }
        events.publish(e);
    }

    private void accept(Stream s) {
        Connection c = s.connection();
        if (!c.isRelayed()) {
            log.debug("resetting a DCUtR stream from {}: the connection is direct already", c.remotePeer());
            StreamEnds.reset(s.channel());
            return;
        }
        if (running.size() >= MAX_CONCURRENT || running.containsKey(c.remotePeer())) {
            log.debug("resetting a DCUtR stream from {}: a hole punch with it is under way, or too many are", c.remotePeer());
            StreamEnds.reset(s.channel());
            return;
        }
        Responder r = new Responder(ctx, s);
        track(c.remotePeer(), r::cancel, r.run());
    }

    private void onHostEvent(HostEvent e) {
        if (!ctx.config().auto() || !(e instanceof HostEvent.Identified id) || id.push()) {
            return;
        }
        Connection c = id.connection();
        if (c != null && c.isRelayed() && c.direction() == Direction.INBOUND && id.protocols().contains(DcutrProtocol.ID)) {
            initiate(c);
        }
    }

    /**
     * Starts a hole punch as the initiator on {@code relayed}; yields the record. Joins nothing: when
     * one with the peer is under way, or the peer is connected directly already, the stage fails.
     */
    public CompletionStage<HolePunchRecord> initiate(Connection relayed) {
        PeerId peer = relayed.remotePeer();
        if (!relayed.isRelayed()) {
            return CompletableFuture.failedFuture(new HolePunchException("the connection to " + peer + " is direct"));
        }
        if (hasDirect(peer)) {
            return CompletableFuture.failedFuture(new HolePunchException(peer + " is connected directly already"));
        }
        if (running.size() >= MAX_CONCURRENT || running.containsKey(peer)) {
            return CompletableFuture.failedFuture(new HolePunchException(
                    "a hole punch with " + peer + " is under way, or too many are"));
        }
        Initiator i = new Initiator(ctx, relayed);
        return track(peer, i::cancel, i.run());
    }

    /** Starts a hole punch with a peer we are connected to through a relay. */
    public CompletionStage<HolePunchRecord> punch(PeerId peer) {
        return ctx.host().connections().connections(peer).stream().filter(Connection::isRelayed)
                .filter(Connection::isOpen).findFirst()
                .map(this::initiate)
                .orElseGet(() -> CompletableFuture.failedFuture(new HolePunchException("no relayed connection to " + peer)));
    }

    private CompletionStage<HolePunchRecord> track(PeerId peer, Runnable cancel, CompletionStage<HolePunchRecord> run) {
        if (running.putIfAbsent(peer, cancel) != null) {
            cancel.run();
            return CompletableFuture.failedFuture(new HolePunchException("a hole punch with " + peer + " is under way"));
        }
        return run.whenComplete((r, e) -> running.remove(peer, cancel));
    }

    private boolean hasDirect(PeerId peer) {
        return ctx.host().connections().connections(peer).stream().anyMatch(c -> c.isOpen() && !c.isRelayed());
    }

    /**
     * What punchr's client does: connects to the peer through the relay address {@code circuit},
     * waits for the remote to open the DCUtR stream and answers it. The record says NO_CONNECTION
     * when the relayed connection failed, NO_STREAM when no stream came within
     * {@link HolePunchConfig#streamWait()}, CONNECTION_REVERSED when the remote dialled us
     * directly instead, and otherwise how the exchange ended.
     */
    public CompletionStage<HolePunchRecord> punchThrough(Multiaddr circuit) {
        return new PunchThrough(ctx, circuit, this::subscribe, this::publish).run();
    }
}
