package io.wirepunch.core.holepunch;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A's side of DCUtR, on a stream the remote opened over a relayed connection: answers each CONNECT
 * with this node's addresses, and dials as soon as the SYNC arrives. A SYNC before a CONNECT, a
 * CONNECT where a SYNC belongs, more rounds than {@link HolePunchConfig#maxAttempts()}, or silence
 * past {@link HolePunchConfig#messageTimeout()} ends the exchange with a reset.
 */
final class Responder extends DcutrExchange {
    private final DcutrStream stream;
    private volatile String lastError;

    Responder(HolePunchContext ctx, Stream s) {
        super(ctx, s.connection(), HolePunchRole.RESPONDER);
        this.stream = DcutrStream.install(s.channel());
    }

    @Override
    protected DcutrStream stream() {
        return stream;
    }

    CompletionStage<HolePunchRecord> run() {
        CompletionStage<HolePunchRecord> result = begin();
        awaitConnect();
        return result;
    }

    private void awaitConnect() {
        if (finished()) {
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
                    protocolFailure(number, opened, List.of(), e);
                }
                return;
            }
            if (m.type() != HolePunchMessage.Type.CONNECT) {
                protocolFailure(number, opened, List.of(), new HolePunchException("SYNC without a CONNECT before it"));
                return;
            }
            if (number > ctx.config().maxAttempts()) {
                protocolFailure(number, opened, m.observedAddrs(), new HolePunchException(
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
                        protocolFailure(number, opened, theirs, e);
                    } else if (m.type() != HolePunchMessage.Type.SYNC) {
                        punch.cancel();
                        protocolFailure(number, opened, theirs, new HolePunchException("expected SYNC, the remote sent " + m.type()));
                    } else {
                        dial(number, opened, theirs, dial, punch);
                    }
                });
    }

    private void dial(int number, Instant opened, List<Multiaddr> theirs, List<Multiaddr> dial, SimultaneousDial punch) {
        Instant dialAt = rb.now();
        punch.run(ctx.config().dialTimeout()).whenComplete((c, e) -> {
            dialEnded(number, opened, dialAt, Optional.empty(), theirs, dial, c, e);
            if (c != null) {
                stream.close();
                finish(HolePunchOutcome.SUCCESS, Optional.of(c), null);
            } else {
                lastError = Errors.message(e);
                awaitConnect();
            }
        });
    }
}
