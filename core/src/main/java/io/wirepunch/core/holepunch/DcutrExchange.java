package io.wirepunch.core.holepunch;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What both ends of a DCUtR exchange share: the record under way, how an attempt's end is
 * recorded and published, and how the exchange ends exactly once.
 */
abstract class DcutrExchange {
    protected final HolePunchContext ctx;
    protected final Connection relayed;
    protected final RecordBuilder rb;
    private final CompletableFuture<HolePunchRecord> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();

    DcutrExchange(HolePunchContext ctx, Connection relayed, HolePunchRole role) {
        this.ctx = ctx;
        this.relayed = relayed;
        this.rb = new RecordBuilder(ctx.clock(), relayed.remotePeer(), role).relayed(relayed);
    }

    /** The stream of the exchange, null while there is none. */
    protected abstract DcutrStream stream();

    /** Announces the start, ends the exchange should the relayed connection close, and yields the record. */
    protected CompletionStage<HolePunchRecord> begin() {
        ctx.events().accept(new HolePunchEvent.Started(rb.remote(), rb.role()));
        relayed.channel().closeFuture().addListener(f -> finish(HolePunchOutcome.CANCELLED, Optional.empty(),
                "the relayed connection closed"));
        return result;
    }

    protected boolean finished() {
        return finished.get();
    }

    /** Records how the dial of attempt {@code number} ended: a connection, or the error. */
    protected void dialEnded(int number, Instant opened, Instant dialAt, Optional<Duration> rtt, List<Multiaddr> theirs,
                             List<Multiaddr> dial, Connection c, Throwable e) {
        AttemptOutcome outcome = c != null ? AttemptOutcome.SUCCESS
                : Errors.unwrap(e) instanceof DcutrTimeoutException ? AttemptOutcome.TIMEOUT : AttemptOutcome.FAILED;
        attemptEnded(new HolePunchAttempt(number, outcome, opened, Optional.of(dialAt), rb.now(), rtt, theirs, dial,
                Optional.ofNullable(c).map(Connection::remoteAddr), Optional.ofNullable(e).map(Errors::message)));
    }

    /**
     * Ends the exchange on a broken message exchange (silence past the timeout, a message out of
     * order, a closed or reset stream): the attempt is TIMEOUT or PROTOCOL_ERROR, the stream is
     * reset, and the hole punch FAILED, or CANCELLED when the relayed connection went away.
     */
    protected void protocolFailure(int number, Instant opened, List<Multiaddr> theirs, Throwable e) {
        if (finished()) {
            return;
        }
        AttemptOutcome outcome = Errors.unwrap(e) instanceof DcutrTimeoutException
                ? AttemptOutcome.TIMEOUT : AttemptOutcome.PROTOCOL_ERROR;
        attemptEnded(new HolePunchAttempt(number, outcome, opened, Optional.empty(), rb.now(), Optional.empty(),
                theirs, List.of(), Optional.empty(), Optional.of(Errors.message(e))));
        DcutrStream s = stream();
        if (s != null) {
            s.reset();
        }
        finish(relayed.isOpen() ? HolePunchOutcome.FAILED : HolePunchOutcome.CANCELLED, Optional.empty(), Errors.message(e));
    }

    private void attemptEnded(HolePunchAttempt a) {
        rb.add(a);
        ctx.events().accept(new HolePunchEvent.AttemptEnded(rb.remote(), rb.role(), a));
    }

    protected void finish(HolePunchOutcome outcome, Optional<Connection> direct, String error) {
        if (finished()) {
            return;
        }
        HolePunchRecord r = rb.finish(outcome, direct, Optional.ofNullable(error));
        if (finished.compareAndSet(false, true)) {
            // The history has the record before anyone waiting on the result sees it.
            ctx.events().accept(new HolePunchEvent.Finished(r));
            result.complete(r);
        }
    }

    /** Stops the hole punch: the node is shutting down. */
    void cancel() {
        DcutrStream s = stream();
        if (s != null) {
            s.reset();
        }
        finish(HolePunchOutcome.CANCELLED, Optional.empty(), "cancelled");
    }
}
