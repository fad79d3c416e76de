package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** One circuit the relay carries: who it joins, since when, and the bytes that crossed it each way. */
final class Circuit {
    private final long id;
    private final PeerId source;
    private final PeerId destination;
    private final Instant openedAt;
    final AtomicLong sourceToDestination = new AtomicLong();
    final AtomicLong destinationToSource = new AtomicLong();
    private volatile CircuitSplice splice;

    Circuit(long id, PeerId source, PeerId destination, Instant openedAt) {
        this.id = id;
        this.source = source;
        this.destination = destination;
        this.openedAt = openedAt;
    }

    long id() {
        return id;
    }

    PeerId source() {
        return source;
    }

    PeerId destination() {
        return destination;
    }

    Instant openedAt() {
        return openedAt;
    }

    void spliced(CircuitSplice s) {
        splice = s;
    }

    /** Ends the circuit if its bytes are flowing already; a circuit still being set up ends when that fails. */
    void end(String reason) {
        CircuitSplice s = splice;
        if (s != null) {
            s.end(reason);
        }
    }

    RelaySnapshot.CircuitView view() {
        return new RelaySnapshot.CircuitView(id, source, destination, openedAt,
                sourceToDestination.get(), destinationToSource.get());
    }
}
