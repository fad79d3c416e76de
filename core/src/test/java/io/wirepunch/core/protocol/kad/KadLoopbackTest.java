package io.wirepunch.core.protocol.kad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes over loopback TCP: our client against our responder, under both protocol ids. */
class KadLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final List<KadPeer> CLOSER = List.of(
            new KadPeer(KadCodecTest.ALICE, List.of(KadCodecTest.ADDR, KadCodecTest.ADDR6)),
            new KadPeer(KadCodecTest.BOB, List.of(KadCodecTest.ADDR)));
    private static final List<KadPeer> PROVIDERS = List.of(new KadPeer(KadCodecTest.BOB, List.of(KadCodecTest.ADDR)));

    private final FixedKadRequestHandler fixed = new FixedKadRequestHandler(CLOSER, PROVIDERS);
    private Node client;
    private Node server;

    @BeforeEach
    void start() throws Exception {
        client = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        server = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        client.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.host().peerstore().addAddrs(server.host().peerId(), server.host().listenAddrs(), Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() throws Exception {
        client.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private KadMessage ask(KadClient kad, KadMessage request) throws Exception {
        return kad.request(client.host(), server.host().peerId(), request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void findNodePingAndGetProvidersAreAnsweredOverTcp() throws Exception {
        new KadServer(server.host(), KadProtocol.ID, fixed).start();
        KadClient kad = new KadClient();

        assertThat(ask(kad, KadMessage.findNode(KadCodecTest.ALICE)).closerPeers()).isEqualTo(CLOSER);
        assertThat(ask(kad, KadMessage.ping())).isEqualTo(KadMessage.ping());
        KadMessage providers = ask(kad, KadMessage.getProviders(new byte[] {1, 2, 3}));
        assertThat(providers.providerPeers()).isEqualTo(PROVIDERS);
        assertThat(providers.closerPeers()).isEqualTo(CLOSER);

        KadPeer self = new KadPeer(client.host().peerId(), client.host().listenAddrs());
        kad.send(client.host(), server.host().peerId(), KadMessage.addProvider(new byte[] {1, 2, 3}, self))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> fixed.received.size() == 4);
        FixedKadRequestHandler.Received announced = fixed.received.get(3);
        assertThat(announced.from()).isEqualTo(client.host().peerId());
        assertThat(announced.message().providerPeers()).containsExactly(self);
        // One request per stream, each closed after its answer: nothing lingers on the connection.
        Connection c = client.host().connections().get(server.host().peerId()).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.openStreams() == 0);
    }

    @Test
    void theProtocolIdSeparatesThePrivateDhtFromThePublicOne() throws Exception {
        new KadServer(server.host(), KadProtocol.PRIVATE_ID, fixed).start();
        assertThat(ask(new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT), KadMessage.ping()))
                .isEqualTo(KadMessage.ping());
        assertThatThrownBy(() -> ask(new KadClient(), KadMessage.ping())).isInstanceOf(ExecutionException.class);
        assertThat(fixed.received).hasSize(1);
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        // Reads the request and says nothing, forever.
        server.host().protocols().register(KadProtocol.ID, stream -> { });
        KadClient impatient = new KadClient(KadProtocol.ID, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ask(impatient, KadMessage.ping())).hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Connection c = client.host().connections().get(server.host().peerId()).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.openStreams() == 0);
    }

    @Test
    void aBadMessageResetsItsStreamButNotTheConnection() throws Exception {
        new KadServer(server.host(), KadProtocol.ID, fixed).start();
        Connection c = client.host().connect(server.host().listenAddrs().get(0).withPeerId(server.host().peerId()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Stream raw = c.newStream(s -> { }, KadProtocol.ID).toCompletableFuture().get(10, TimeUnit.SECONDS);
        raw.channel().writeAndFlush(LengthPrefixedFrameDecoder.frame(raw.channel().alloc(), new byte[] {0x08, 0x09}));
        await().atMost(Duration.ofSeconds(5)).until(() -> !raw.channel().isOpen());
        assertThat(c.isOpen()).isTrue();
        assertThat(ask(new KadClient(), KadMessage.ping())).isEqualTo(KadMessage.ping());
        assertThat(client.host().connections().get(server.host().peerId())).contains(c);
    }
}
