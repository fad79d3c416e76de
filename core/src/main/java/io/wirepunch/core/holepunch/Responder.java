package io.wirepunch.core.holepunch;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A's side of DCUtR, on a stream the remote opened over a relayed connection: answers each CONNECT
 * with this node's addresses, and dials as soon as the SYNC arrives. A SYNC before a CONNECT, a
 * CONNECT where a SYNC belongs, more rounds than {@link HolePunchConfig#maxAttempts()}, or silence
 * past {@link HolePunchConfig#messageTimeout()} ends the exchange with a reset.
 */
final class Responder {
    private final HolePunchContext ctx;
    private final Connection relayed;
    private final DcutrStream stream;
    private final RecordBuilder rb;
    private final CompletableFuture<HolePunchRecord> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private String lastError;

    Responder(HolePunchContext ctx, Stream s) {
        this.ctx = ctx;
        this.relayed = s.connection();
        this.stream = DcutrStream.install(s.channel());
        this.rb = new RecordBuilder(ctx.clock(), relayed.remotePeer(), HolePunchRole.RESPONDER).relayed(relayed);
    }

    CompletionStage<HolePunchRecord> run() {
        ctx.events().accept(new HolePunchEvent.Started(rb.remote(), rb.role()));
        relayed.channel().closeFuture().addListener(f -> finish(HolePunchOutcome.CANCELLED, Optional.empty(),
                "the relayed connection closed"));
        awaitConnect();
        return result;
    }

    private void awaitConnect() {
        if (finished.get()) {
            return;
        }
        stream.receive(ctx.config().messageTimeout()).whenComplete((m, e) -> {
            int number = rb.nextAttemptNumber();
            Instant opened = rb.now();
            if (e != null) {
                if (number > 1) {
                    // The initiator stopped after a failed round: that is the end, not a protocol error.
                    stream.close();
                    finish(HolePunchOutcome.FAILED, Optional.empty(), lastError);
                } else {
                    failure(number, opened, List.of(), e);
                }
                return;
            }
            if (m.type() != HolePunchMessage.Type.CONNECT) {
                failure(number, opened, List.of(), new HolePunchException("SYNC without a CONNECT before it"));
                return;
            }
            if (number > ctx.config().maxAttempts()) {
                failure(number, opened, m.observedAddrs(), new HolePunchException(
                        "more than " + ctx.config().maxAttempts() + " attempts"));
                return;
            }
            answer(number, opened, m.observedAddrs());
        });
    }

    private void answer(int number, Instant opened, List<Multiaddr> theirs) {
        List<Multiaddr> ours = ctx.ownAddrs();
        rb.offered(ours);
        rb.received(theirs, Optional.empty());
        List<Multiaddr> dial = ctx.dialable(theirs, ours);
        SimultaneousDial punch = SimultaneousDial.prepare(ctx.host(), rb.remote(), dial, HolePunchRole.RESPONDER);
        stream.send(HolePunchMessage.connect(ours))
                .thenCompose(v -> stream.receive(ctx.config().messageTimeout()))
                .whenComplete((m, e) -> {
                    if (e != null) {
                        punch.cancel();
                        failure(number, opened, theirs, e);
                    } else if (m.type() != HolePunchMessage.Type.SYNC) {
                        punch.cancel();
                        failure(number, opened, theirs, new HolePunchException("expected SYNC, the remote sent " + m.type()));
                    } else {
                        dial(number, opened, theirs, dial, punch);
                    }
                });
    }

    private void dial(int number, Instant opened, List<Multiaddr> theirs, List<Multiaddr> dial, SimultaneousDial punch) {
        Instant dialAt = rb.now();
        punch.run(ctx.config().dialTimeout()).whenComplete((c, e) -> {
                    AttemptOutcome outcome = c != null ? AttemptOutcome.SUCCESS
                            : Errors.unwrap(e) instanceof DcutrTimeoutException ? AttemptOutcome.TIMEOUT : AttemptOutcome.FAILED;
                    HolePunchAttempt a = new HolePunchAttempt(number, outcome, opened, Optional.of(dialAt), rb.now(),
                            Optional.empty(), theirs, dial, Optional.ofNullable(c).map(Connection::remoteAddr),
                            Optional.ofNullable(e).map(Errors::message));
                    rb.add(a);
                    ctx.events().accept(new HolePunchEvent.AttemptEnded(rb.remote(), rb.role(), a));
                    if (c != null) {
                        stream.close();
                        finish(HolePunchOutcome.SUCCESS, Optional.of(c), null);
                    } else {
                        lastError = Errors.message(e);
                        awaitConnect();
                    }
                });
    }

    private void failure(int number, Instant opened, List<Multiaddr> theirs, Throwable e) {
        if (finished.get()) {
            return;
        }
        Throwable cause = Errors.unwrap(e);
        AttemptOutcome outcome = cause instanceof DcutrTimeoutException ? AttemptOutcome.TIMEOUT : AttemptOutcome.PROTOCOL_ERROR;
        HolePunchAttempt a = new HolePunchAttempt(number, outcome, opened, Optional.empty(), rb.now(), Optional.empty(),
                theirs, List.of(), Optional.empty(), Optional.of(Errors.message(e)));
        rb.add(a);
        ctx.events().accept(new HolePunchEvent.AttemptEnded(rb.remote(), rb.role(), a));
        stream.reset();
        finish(relayed.isOpen() ? HolePunchOutcome.FAILED : HolePunchOutcome.CANCELLED, Optional.empty(), Errors.message(e));
    }

    private void finish(HolePunchOutcome outcome, Optional<Connection> direct, String error) {
        if (finished.get()) {
            return;
        }
        HolePunchRecord r = rb.finish(outcome, direct, Optional.ofNullable(error));
        if (finished.compareAndSet(false, true)) {
            // The history has the record before anyone waiting on the result sees it.
            ctx.events().accept(new HolePunchEvent.Finished(r));
            result.complete(r);
        }
    }

    void cancel() {
        stream.reset();
        finish(HolePunchOutcome.CANCELLED, Optional.empty(), "cancelled");
    }
}
