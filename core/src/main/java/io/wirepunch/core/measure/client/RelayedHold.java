package io.wirepunch.core.measure.client;

import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.ping.PingInitiator;
import io.wirepunch.core.protocol.ping.PingProtocol;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the relayed connection to a peer from closing while it is still to be measured. Once the
 * direct connection is up, both ends close the relayed one as a duplicate as soon as it carries no
 * stream (checked every second), or after the duplicate grace (10 s by default) once a second
 * passes with no byte moving on it. This opens an idle ping stream on every relayed connection to
 * the peer the moment it connects, and closes those streams on {@link #release()}; the first of them
 * also measures the round trip through the relay ({@link #relayedPing()}).
 */
public final class RelayedHold implements AutoCloseable {
    private final List<CompletableFuture<PingInitiator>> pings = new CopyOnWriteArrayList<>();
    private final Subscription subscription;
    private volatile boolean watching = true;

    /** Starts watching {@code node} for relayed connections to {@code peer}; make it before connecting. */
    public RelayedHold(Node node, PeerId peer) {
        subscription = node.host().subscribe(e -> {
            if (e instanceof HostEvent.Connected c && c.connection().isRelayed()
                    && c.connection().remotePeer().equals(peer)) {
                PingInitiator[] holder = new PingInitiator[1];
                pings.add(c.connection().newStream(s -> holder[0] = PingInitiator.install(s.channel()), PingProtocol.ID)
                        .toCompletableFuture().thenApply(s -> holder[0]));
            }
        });
    }

    /** Holds no connection that opens from now on; the ones held stay held. */
    public void stopWatching() {
        if (watching) {
            watching = false;
            subscription.close();
        }
    }

    /** A ping stream on the first relayed connection held, once it is open; empty when there is none. */
    public Optional<CompletableFuture<PingInitiator>> relayedPing() {
        return pings.isEmpty() ? Optional.empty() : Optional.of(pings.get(0));
    }

    /** Lets the relayed connections close: ends the streams that held them. */
    public void release() {
        stopWatching();
        for (CompletableFuture<PingInitiator> f : pings) {
            f.thenAccept(PingInitiator::close);
        }
        pings.clear();
    }

    @Override
    public void close() {
        release();
    }
}
