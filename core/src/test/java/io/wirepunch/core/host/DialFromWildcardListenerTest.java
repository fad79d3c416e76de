package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node listening on 0.0.0.0 dials IPv4 peers from its listening port: the listener reports the
 * IPv6 wildcard (Java's sockets are dual-stack), which still reaches IPv4 remotes; and the host
 * reports and announces its IPv4 addresses, as it was asked to listen on IPv4.
 */
class DialFromWildcardListenerTest {
    @Test
    void ipv4DialGoesOutFromTheWildcardListenersPort() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "sharing the listening port needs SO_REUSEPORT (epoll)");
        Node a = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")))
                .withDialFromListenPort(true), true);
        Node b = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))), true);
        try {
            a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int listenPort = a.host().listenAddrs().get(0).toInetSocketAddress().getPort();
            Connection c = a.host().connect(b.host().listenAddrs().get(0).withPeerId(b.host().peerId()))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(c.localAddr().toInetSocketAddress().getPort()).isEqualTo(listenPort);
            // Reported, and announced, in the family it was asked for.
            assertThat(a.host().listenAddrs()).containsExactly(Multiaddr.parse("/ip4/0.0.0.0/tcp/" + listenPort));
            assertThat(a.host().dialableListenAddrs()).contains(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + listenPort))
                    .allSatisfy(m -> assertThat(m.toString()).startsWith("/ip4/"));
        } finally {
            a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
