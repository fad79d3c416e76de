package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

    @Test
    void inboundConnectionsBeyondTheLimitAreClosed() throws Exception {
        ConnectionLimits one = new ConnectionLimits(1, 4, 16, Duration.ofSeconds(5), Duration.ofSeconds(1));
        Node server = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)).withLimits(one), false);
        Node first = new Node(HostConfig.of(Keys.generateEd25519(), List.of()), false);
        Node second = new Node(HostConfig.of(Keys.generateEd25519(), List.of()), false);
        try {
            server.start().toCompletableFuture().get();
            first.start().toCompletableFuture().get();
            second.start().toCompletableFuture().get();
            Multiaddr target = server.host().listenAddrs().get(0).withPeerId(server.host().peerId());
            first.host().connect(target).toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.host().connections().size() == 1);
            assertThatThrownBy(() -> second.host().connect(target).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(server.host().connections().size()).isEqualTo(1);
        } finally {
            server.stop().toCompletableFuture().get();
            first.stop().toCompletableFuture().get();
            second.stop().toCompletableFuture().get();
        }
    }
}
