package io.wirepunch.app.engine;

import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.ping.PingInitiator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What the peers view asks of the running node for one peer: a ping, and closing its connections. */
public final class PeerCommands {
    private final Engine engine;

    public PeerCommands(Engine engine) {
        this.engine = engine;
    }

    /** One ping over the peer's open connection; fails when there is none. */
    public CompletionStage<Duration> ping(PeerId peer) {
        Node node;
        Connection connection;
        try {
            node = engine.node().orElseThrow(() -> new IllegalStateException("the node is not running"));
            connection = node.host().connections().get(peer)
                    .orElseThrow(() -> new IllegalStateException("no open connection to " + peer));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return node.ping().open(connection).thenCompose(ping -> ping.ping().whenComplete((rtt, e) -> close(ping)));
    }

    /** Closes every connection to the peer; completes when all are closed. */
    public CompletionStage<Void> disconnect(PeerId peer) {
        List<Connection> open = engine.node().map(n -> n.host().connections().connections(peer)).orElse(List.of());
        return CompletableFuture.allOf(open.stream().map(c -> c.close().toCompletableFuture()).toArray(CompletableFuture[]::new));
    }

    private static void close(PingInitiator ping) {
        ping.close();
    }
}
