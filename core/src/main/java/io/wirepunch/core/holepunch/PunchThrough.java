package io.wirepunch.core.holepunch;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The responder's whole hole punch as punchr's client runs it: connect through a relay, then wait
 * for the remote's DCUtR stream (or its direct dial) and report what came of it.
 */
final class PunchThrough {
    private final HolePunchContext ctx;
    private final Multiaddr circuit;
    private final PeerId peer;
    private final Function<Consumer<HolePunchEvent>, Subscription> subscribe;
    private final Consumer<HolePunchEvent> publish;
    private final CompletableFuture<HolePunchRecord> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final RecordBuilder rb;
    private volatile boolean streamOpened;

    PunchThrough(HolePunchContext ctx, Multiaddr circuit, Function<Consumer<HolePunchEvent>, Subscription> subscribe,
                 Consumer<HolePunchEvent> publish) {
        if (!circuit.isCircuit()) {
            throw new IllegalArgumentException("not an address through a relay: " + circuit);
        }
        this.ctx = ctx;
        this.circuit = circuit;
        this.peer = circuit.peerId().orElseThrow(() ->
                new IllegalArgumentException("address must end in /p2p/<peer id>: " + circuit));
        this.subscribe = subscribe;
        this.publish = publish;
        this.rb = new RecordBuilder(ctx.clock(), peer, HolePunchRole.RESPONDER);
    }

    CompletionStage<HolePunchRecord> run() {
        List<Subscription> subs = new ArrayList<>();
        subs.add(subscribe.apply(e -> {
            if (!e.remote().equals(peer)) {
                return;
            }
            if (e instanceof HolePunchEvent.Started s && s.role() == HolePunchRole.RESPONDER) {
                streamOpened = true;
            } else if (e instanceof HolePunchEvent.Finished f && f.record().role() == HolePunchRole.RESPONDER) {
                result.complete(f.record());
            }
        }));
        subs.add(ctx.host().subscribe(e -> {
            if (e instanceof HostEvent.Connected c && c.connection().remotePeer().equals(peer)
                    && !c.connection().isRelayed() && !streamOpened) {
                reversed(c.connection());
            }
        }));
        result.whenComplete((r, e) -> subs.forEach(Subscription::close));
        ctx.host().connect(circuit).whenComplete((relayed, e) -> {
            if (e != null) {
                own(HolePunchOutcome.NO_CONNECTION, Optional.empty(), "no relayed connection: " + Errors.message(e));
                return;
            }
            rb.relayed(relayed);
            ctx.host().connections().connections(peer).stream()
                    .filter(c -> c.isOpen() && !c.isRelayed()).findFirst().ifPresent(this::reversed);
            var timer = SimultaneousDial.timers().schedule(() -> {
                if (!streamOpened) {
                    own(HolePunchOutcome.NO_STREAM, Optional.empty(), "the remote opened no DCUtR stream within "
                            + ctx.config().streamWait().toSeconds() + " s");
                }
            }, ctx.config().streamWait().toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, x) -> timer.cancel(false));
        });
        return result;
    }

    private void reversed(Connection direct) {
        own(HolePunchOutcome.CONNECTION_REVERSED, Optional.of(direct), null);
    }

    /** Finishes with a record of this run's own making (no DCUtR exchange took place). */
    private void own(HolePunchOutcome outcome, Optional<Connection> direct, String error) {
        if (finished.get()) {
            return;
        }
        HolePunchRecord r = rb.finish(outcome, direct, Optional.ofNullable(error));
        if (finished.compareAndSet(false, true)) {
            // The history has the record before anyone waiting on the result sees it.
            publish.accept(new HolePunchEvent.Finished(r));
            result.complete(r);
        }
    }
}
