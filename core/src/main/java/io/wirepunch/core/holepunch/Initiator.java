package io.wirepunch.core.holepunch;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.DialOptions;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B's side of DCUtR, on a relayed connection: a one-sided direct dial when the remote advertises
 * public addresses, then up to {@link HolePunchConfig#maxAttempts()} rounds of CONNECT (timing the
 * answer), SYNC, a wait of half the round trip, and the simultaneous dial, all on one stream.
 */
final class Initiator extends DcutrExchange {
    private static final Logger log = LoggerFactory.getLogger(Initiator.class);

    private volatile DcutrStream stream;

    Initiator(HolePunchContext ctx, Connection relayed) {
        super(ctx, relayed, HolePunchRole.INITIATOR);
    }

    @Override
    protected DcutrStream stream() {
        return stream;
    }

    CompletionStage<HolePunchRecord> run() {
        CompletionStage<HolePunchRecord> result = begin();
        directDialFirst().whenComplete((direct, e) -> {
            if (direct != null) {
                finish(HolePunchOutcome.SUCCESS, Optional.of(direct), null);
            } else {
                openStream();
            }
        });
        return result;
    }

    /** Dials the remote's advertised public addresses; yields null when there are none or none answered. */
    private CompletionStage<Connection> directDialFirst() {
        if (!ctx.config().oneSidedDial()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Multiaddr> ours = ctx.ownAddrs();
        List<Multiaddr> advertised = ctx.dialable(ctx.host().peerstore().addrs(rb.remote()), ours);
        if (advertised.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Instant opened = rb.now();
        CompletableFuture<Connection> any = new CompletableFuture<>();
        int[] failures = {0};
        for (Multiaddr a : advertised) {
            ctx.host().connect(a.withPeerId(rb.remote()), DialOptions.forceNew()).whenComplete((c, e) -> {
                if (c != null) {
                    any.complete(c);
                } else {
                    synchronized (failures) {
                        if (++failures[0] == advertised.size()) {
                            any.complete(null);
                        }
                    }
                }
            });
        }
        var timer = SimultaneousDial.timers().schedule(() -> any.complete(null),
                ctx.config().directDialTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return any.thenApply(c -> {
            timer.cancel(false);
            AttemptOutcome outcome = c != null ? AttemptOutcome.DIRECT_DIAL : AttemptOutcome.FAILED;
            if (c != null) {
                rb.add(new HolePunchAttempt(rb.nextAttemptNumber(), outcome, opened, Optional.of(opened), rb.now(),
                        Optional.empty(), List.of(), advertised, Optional.of(c.remoteAddr()), Optional.empty()));
            } else {
                log.debug("direct dial to {} at {} failed; punching", rb.remote(), advertised);
            }
            return c;
        });
    }

    private void openStream() {
        if (finished()) {
            return;
        }
        if (ctx.ownAddrs().isEmpty()) {
            // The remote would have nothing to dial; go-libp2p declines in this case too.
            finish(HolePunchOutcome.FAILED, Optional.empty(), "no public address of our own to offer");
            return;
        }
        relayed.newStream(s -> stream = DcutrStream.install(s.channel()), DcutrProtocol.ID).whenComplete((s, e) -> {
            if (e != null) {
                finish(HolePunchOutcome.FAILED, Optional.empty(), "cannot open a DCUtR stream: " + e.getMessage());
            } else {
                attempt();
            }
        });
    }

    private void attempt() {
        if (finished()) {
            return;
        }
        int number = rb.nextAttemptNumber();
        List<Multiaddr> ours = ctx.ownAddrs();
        rb.offered(ours);
        Instant opened = rb.now();
        long sentNanos = System.nanoTime();
        stream.send(HolePunchMessage.connect(ours))
                .thenCompose(v -> stream.receive(ctx.config().messageTimeout()))
                .whenComplete((reply, e) -> {
                    if (e != null) {
                        protocolFailure(number, opened, List.of(), e);
                        return;
                    }
                    if (reply.type() != HolePunchMessage.Type.CONNECT) {
                        protocolFailure(number, opened, List.of(), new HolePunchException(
                                "expected CONNECT, the remote sent " + reply.type()));
                        return;
                    }
                    Duration rtt = Duration.ofNanos(System.nanoTime() - sentNanos);
                    rb.received(reply.observedAddrs(), Optional.of(rtt));
                    List<Multiaddr> dial = ctx.dialable(reply.observedAddrs(), ours);
                    SimultaneousDial punch = SimultaneousDial.prepare(ctx.host(), rb.remote(), dial, HolePunchRole.INITIATOR);
                    stream.send(HolePunchMessage.sync()).whenComplete((v, se) -> {
                        if (se != null) {
                            punch.cancel();
                            protocolFailure(number, opened, reply.observedAddrs(), se);
                            return;
                        }
                        SimultaneousDial.timers().schedule(() -> dial(number, opened, rtt, reply.observedAddrs(), dial, punch),
                                rtt.toNanos() / 2, TimeUnit.NANOSECONDS);
                    });
                });
    }

    private void dial(int number, Instant opened, Duration rtt, List<Multiaddr> theirs, List<Multiaddr> dial,
                      SimultaneousDial punch) {
        if (finished()) {
            punch.cancel();
            return;
        }
        Instant dialAt = rb.now();
        log.debug("hole punch attempt {} to {}: rtt {} ms, dialling {}", number, rb.remote(), rtt.toMillis(), dial);
        punch.run(ctx.config().dialTimeout()).whenComplete((c, e) -> {
            dialEnded(number, opened, dialAt, Optional.of(rtt), theirs, dial, c, e);
            if (c != null) {
                stream.close();
                finish(HolePunchOutcome.SUCCESS, Optional.of(c), null);
            } else if (number >= ctx.config().maxAttempts()) {
                stream.close();
                finish(HolePunchOutcome.FAILED, Optional.empty(), "all " + number + " attempts failed, last: "
                        + Errors.message(e));
            } else {
                attempt();
            }
        });
    }
}
