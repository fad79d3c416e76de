package io.wirepunch.core.node;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Nodes on 127.0.0.1 with fresh keys, started for a test and stopped together when it ends. */
final class LoopbackNodes implements AutoCloseable {
    static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    /** Starting and stopping a node is local work; this bounds it should a socket hang. */
    private static final long WAIT_SECONDS = 15;

    private final List<Node> nodes = new ArrayList<>();

    static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Node start(NodeOptions options) throws Exception {
        return start(options, false);
    }

    /** @param dialFromListenPort whether the node dials from its listening port (what hole punching needs) */
    Node start(NodeOptions options, boolean dialFromListenPort) throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK))
                .withDialFromListenPort(dialFromListenPort), options);
        nodes.add(node);
        get(node.start());
        return node;
    }

    /** Stops {@code node} now, so that the end of the test does not stop it again. */
    void stop(Node node) throws Exception {
        get(node.stop());
        nodes.remove(node);
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            get(node.stop());
        }
        nodes.clear();
    }
}
