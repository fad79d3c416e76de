package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.dns.DnsResolutionException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.testutil.InMemoryDns;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host.connect of DNS addresses over loopback; names resolve in memory, never through a real server. */
class HostDnsDialTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private final InMemoryDns dns = new InMemoryDns();
    private Node dialer;
    private Node target;

    @BeforeEach
    void start() throws Exception {
        dialer = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)).withResolver(dns.resolver()), false);
        target = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        dialer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        target.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        dialer.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        target.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Throwable failure(Multiaddr addr) throws Exception {
        return dialer.host().connect(addr).toCompletableFuture()
                .handle((c, e) -> e instanceof CompletionException ? e.getCause() : e).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDnsaddrIsResolvedAndItsAddressesAreTriedInTurn() throws Exception {
        PeerId id = target.host().peerId();
        int port = target.host().listenAddrs().get(0).toInetSocketAddress().getPort();
        // The first record leads to a closed port; the second to the node.
        dns.txt("_dnsaddr.node.test",
                        "dnsaddr=/ip4/127.0.0.1/tcp/" + closedPort() + "/p2p/" + id,
                        "dnsaddr=/dns/node.test/tcp/" + port + "/p2p/" + id)
                .host("node.test", "127.0.0.1");

        Connection c = dialer.host().connect(Multiaddr.parse("/dnsaddr/node.test/p2p/" + id))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(c.remotePeer()).isEqualTo(id);
        assertThat(c.remoteAddr().toString()).isEqualTo("/ip4/127.0.0.1/tcp/" + port);
    }

    @Test
    void anUnknownNameFailsWithASentenceNamingIt() throws Exception {
        Multiaddr addr = Multiaddr.parse("/dns4/gone.test/tcp/4001/p2p/" + target.host().peerId());
        assertThat(failure(addr)).isInstanceOf(DnsResolutionException.class)
                .hasMessage("the name gone.test does not resolve (no such name)");
    }

    @Test
    void whenNoResolvedAddressAnswersTheLastErrorIsReported() throws Exception {
        PeerId id = target.host().peerId();
        dns.host("closed.test", "127.0.0.1");
        Throwable e = failure(Multiaddr.parse("/dns4/closed.test/tcp/" + closedPort() + "/p2p/" + id));
        assertThat(e).isNotNull().isNotInstanceOf(DnsResolutionException.class);
        assertThat(dialer.host().connections().get(id)).isEmpty();
    }
}
