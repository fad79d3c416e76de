package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.identify.IdentifyProtocol;
import io.wirepunch.core.protocol.ping.PingProtocol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identify push from our node to js-libp2p: a protocol registered (and later removed) after the
 * connection exists reaches the js peer store without a new identify round.
 */
@Timeout(120)
class JsIdentifyPushTest {
    private static final String LATE = "/wirepunch/test/late/1.0.0";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Node node;
    private JsPeer js;

    @BeforeEach
    void start() throws Exception {
        node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))), false);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        js = JsPeer.builder().name("js-push").start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (js != null) {
                js.close();
            }
        } finally {
            node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private List<String> protocolsJsKnowsForUs() {
        return js.peerStore(node.host().peerId().toBase58()).strings("protocols");
    }

    @Test
    void aProtocolRegisteredAfterConnectingReachesTheJsPeerStore() throws Exception {
        PeerId jsId = PeerId.parse(js.peerId());
        Connection c = node.host().connect(Multiaddr.parse(js.addr())).toCompletableFuture().get(20, TimeUnit.SECONDS);
        // Both identify rounds are done: we know js speaks push, js knows what we spoke at connect time.
        await().atMost(WAIT).until(() -> node.host().peerstore().protocols(jsId).contains(IdentifyProtocol.PUSH_ID));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> protocolsJsKnowsForUs().contains(PingProtocol.ID));
        assertThat(protocolsJsKnowsForUs()).doesNotContain(LATE);

        node.host().protocols().register(LATE, stream -> stream.channel().close());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> protocolsJsKnowsForUs().contains(LATE));
        assertThat(protocolsJsKnowsForUs()).contains(IdentifyProtocol.ID, PingProtocol.ID);

        node.host().protocols().unregister(LATE);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !protocolsJsKnowsForUs().contains(LATE));
        assertThat(protocolsJsKnowsForUs()).contains(PingProtocol.ID);
        // Pushed over the connection that was already there.
        assertThat(c.isOpen()).isTrue();
        assertThat(js.connections()).hasSize(1);
    }
}
