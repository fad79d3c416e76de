package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Direction;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.ping.PingInitiator;
import io.wirepunch.core.protocol.relay.CircuitLimit;
import io.wirepunch.core.protocol.relay.CircuitObserver;
import io.wirepunch.core.protocol.relay.RelayClient;
import io.wirepunch.core.protocol.relay.RelayConfig;
import io.wirepunch.core.protocol.relay.RelayReservation;
import io.wirepunch.core.protocol.relay.RelayService;
import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.upgrade.yamux.StreamHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Circuit relay v2 between our implementation and js-libp2p's ({@code @libp2p/circuit-relay-v2}),
 * on loopback, both ways round: our client reserves on a js relay and js peers (and ours) reach it
 * through that relay; js clients reserve on our relay and our peers reach them through it, and a js
 * peer reaches our client through it. Each circuit carries a ping and 64 KiB echoed byte-exact.
 *
 * <p>Every peer takes one role: {@code jsRelay} relays; {@code jsListener} reserves on our relay;
 * {@code jsDialer} only dials through relays, so it never holds a direct connection to its target.
 * Our {@code a} reserves on both relays, {@code b} dials, {@code relay} runs our relay service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class JsRelayInteropTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What each circuit carries each way: half of js's own default circuit limit (128 KiB, both ways together). */
    private static final int PAYLOAD = 64 * 1024;
    /** The js relay's circuit data limit (both directions together): room for identify, Noise and the payload both ways. */
    private static final long JS_RELAY_DATA_LIMIT = 1024 * 1024;
    /** Our relay's limits: per direction, and long enough for the slowest run. */
    private static final CircuitLimit OUR_LIMIT = new CircuitLimit(Duration.ofMinutes(2), 1024 * 1024);

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Scheduler scheduler = Scheduler.of(timers);
    private final Clock clock = Clock.systemUTC();
    private final List<Node> nodes = new ArrayList<>();
    private final List<JsPeer> jsPeers = new ArrayList<>();
    private final Random random = new Random(11);

    private JsPeer jsRelay;
    private JsPeer jsListener;
    private JsPeer jsDialer;
    private Node a;
    private RelayClient aClient;
    private Node b;
    private Node relayNode;
    private RelayService relay;

    @BeforeAll
    void start() throws Exception {
        CompletableFuture<JsPeer> startingRelay = CompletableFuture.supplyAsync(() ->
                JsPeer.builder().name("js-relay").relayServer(JS_RELAY_DATA_LIMIT).start());
        CompletableFuture<JsPeer> startingListener = CompletableFuture.supplyAsync(() ->
                JsPeer.builder().name("js-listener").relayClient().start());
        CompletableFuture<JsPeer> startingDialer = CompletableFuture.supplyAsync(() ->
                JsPeer.builder().name("js-dialer").relayClient().start());
        a = startNode();
        aClient = new RelayClient(a.host(), clock, scheduler);
        aClient.start();
        b = startNode();
        RelayClient bClient = new RelayClient(b.host(), clock, scheduler);
        bClient.start();
        relayNode = startNode();
        relay = new RelayService(relayNode.host(), RelayConfig.defaults().withCircuitLimit(OUR_LIMIT), clock, scheduler,
                CircuitObserver.ALLOW_ALL, relayNode.host()::dialableListenAddrs);
        relay.start();
        for (CompletableFuture<JsPeer> s : List.of(startingRelay, startingListener, startingDialer)) {
            jsPeers.add(s.get(JsPeer.DEFAULT_START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
        }
        jsRelay = jsPeers.get(0);
        jsListener = jsPeers.get(1);
        jsDialer = jsPeers.get(2);
    }

    @AfterAll
    void stop() throws Exception {
        for (JsPeer p : jsPeers) {
            p.close();
        }
        relay.stop();
        for (Node n : nodes) {
            n.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        timers.shutdownNow();
    }

    private Node startNode() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        node.host().protocols().register(JsPeer.ECHO_PROTOCOL,
                stream -> stream.channel().pipeline().addLast(new StreamHandlers.Echo()));
        get(node.start());
        nodes.add(node);
        return node;
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Multiaddr addrOf(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private static String circuitTo(String relayAddr, PeerId target) {
        return relayAddr + "/p2p-circuit/p2p/" + target;
    }

    private byte[] payload() {
        byte[] data = new byte[PAYLOAD];
        random.nextBytes(data);
        return data;
    }

    /** Sends {@code data} on an echo stream over {@code c}, half-closes, returns what came back. */
    private static byte[] echoOver(Connection c, byte[] data) throws Exception {
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        Stream s = get(c.newStream(st -> st.channel().pipeline().addLast(collector), JsPeer.ECHO_PROTOCOL));
        for (int off = 0; off < data.length; off += 16 * 1024) {
            s.channel().write(Unpooled.copiedBuffer(data, off, Math.min(16 * 1024, data.length - off)));
        }
        s.channel().flush();
        ((DuplexChannel) s.channel()).shutdownOutput();
        return collector.finished.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private RelayReservation reserveOnJsRelay() throws Exception {
        return get(aClient.keepReserved(Multiaddr.parse(jsRelay.addr())));
    }

    // ---- our client, js relay ----

    @Test
    void ourClientReservesOnTheJsRelay() throws Exception {
        RelayReservation r = reserveOnJsRelay();
        PeerId jsRelayId = PeerId.fromBase58(jsRelay.peerId());

        assertThat(r.relay()).isEqualTo(jsRelayId);
        // js signs a voucher for us; our client refuses a reservation whose voucher does not open.
        assertThat(r.voucher()).get().satisfies(v -> {
            assertThat(v.relay()).isEqualTo(jsRelayId);
            assertThat(v.peer()).isEqualTo(a.host().peerId());
        });
        assertThat(r.expiry()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(r.limit().dataBytes()).isEqualTo(JS_RELAY_DATA_LIMIT);
        Multiaddr viaJs = Multiaddr.parse(jsRelay.addr()).encapsulate("/p2p-circuit");
        assertThat(r.circuitAddrs()).contains(viaJs);
        assertThat(aClient.circuitAddrs()).contains(viaJs);
        assertThat(a.host().advertisedAddrs()).contains(viaJs);
        assertThat(jsRelay.relayReservations()).anySatisfy(res ->
                assertThat(res.string("peer")).isEqualTo(a.host().peerId().toString()));
    }

    @Test
    void aJsPeerReachesOurClientThroughTheJsRelay() throws Exception {
        reserveOnJsRelay();
        String toA = circuitTo(jsRelay.addr(), a.host().peerId());
        jsDialer.hangUp(a.host().peerId().toString()); // no circuit through our relay to reuse

        assertThat(jsDialer.ping(toA)).isGreaterThanOrEqualTo(0);
        byte[] data = payload();
        assertThat(jsDialer.echo(toA, data)).isEqualTo(data);

        assertThat(jsDialer.connections()).anySatisfy(c -> {
            assertThat(c.string("remotePeer")).isEqualTo(a.host().peerId().toString());
            assertThat(c.bool("relayed")).isTrue();
            assertThat(c.string("direction")).isEqualTo("outbound");
        });
        PeerId dialer = PeerId.fromBase58(jsDialer.peerId());
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.host().connections().connections(dialer))
                .anySatisfy(c -> {
                    assertThat(c.isRelayed()).isTrue();
                    assertThat(c.direction()).isEqualTo(Direction.INBOUND);
                    assertThat(c.relay()).contains(PeerId.fromBase58(jsRelay.peerId()));
                }));
    }

    @Test
    void ourPeerReachesOurClientThroughTheJsRelay() throws Exception {
        reserveOnJsRelay();
        Multiaddr toA = Multiaddr.parse(circuitTo(jsRelay.addr(), a.host().peerId()));

        Connection c = get(b.host().connect(toA));
        assertThat(c.isRelayed()).isTrue();
        assertThat(c.remotePeer()).isEqualTo(a.host().peerId());
        assertThat(c.relay()).contains(PeerId.fromBase58(jsRelay.peerId()));
        PingInitiator ping = get(b.ping().open(c));
        assertThat(get(ping.ping())).isPositive();
        byte[] data = payload();
        assertThat(echoOver(c, data)).isEqualTo(data);
    }

    @Test
    void theJsRelaysDataLimitEndsTheCircuitAndBothOfOurEndsCloseIt() throws Exception {
        reserveOnJsRelay();
        Node c = startNode(); // a peer of its own, so no other test's circuit to a is in play
        new RelayClient(c.host(), clock, scheduler).start();
        Connection toA = get(c.host().connect(Multiaddr.parse(circuitTo(jsRelay.addr(), a.host().peerId()))));
        await().atMost(WAIT).until(() -> a.host().connections().connections(c.host().peerId()).stream()
                .anyMatch(Connection::isRelayed));

        // Echoed, this is twice the relay's budget for the circuit: js resets both of its streams.
        byte[] tooMuch = new byte[(int) JS_RELAY_DATA_LIMIT];
        random.nextBytes(tooMuch);
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        Stream s = get(toA.newStream(st -> st.channel().pipeline().addLast(collector), JsPeer.ECHO_PROTOCOL));
        for (int off = 0; off < tooMuch.length; off += 16 * 1024) {
            s.channel().write(Unpooled.copiedBuffer(tooMuch, off, 16 * 1024));
        }
        s.channel().flush();

        await().atMost(WAIT).until(() -> !toA.isOpen());
        await().atMost(WAIT).until(() -> a.host().connections().connections(c.host().peerId()).stream()
                .noneMatch(Connection::isRelayed));
        assertThat(collector.finished).isNotCompleted();
        // The reservation outlives the circuit: a new circuit through the same relay works.
        Connection again = get(c.host().connect(Multiaddr.parse(circuitTo(jsRelay.addr(), a.host().peerId()))));
        assertThat(get(get(c.ping().open(again)).ping())).isPositive();
    }

    // ---- js clients, our relay ----

    @Test
    void aJsClientReservesOnOurRelayAndChecksTheVoucher() {
        JsonMap r = jsListener.reserve(addrOf(relayNode).toString());
        PeerId listener = PeerId.fromBase58(jsListener.peerId());

        JsonMap voucher = r.map("voucher");
        assertThat(voucher.list("problems")).isEmpty();
        assertThat(voucher.bool("verified")).isTrue();
        assertThat(voucher.string("relay")).isEqualTo(relayNode.host().peerId().toString());
        assertThat(voucher.string("peer")).isEqualTo(listener.toString());
        assertThat(r.strings("addrs")).contains(addrOf(relayNode).encapsulate("/p2p-circuit").toString()
                + "/p2p/" + listener);
        assertThat(relay.snapshot().reservations()).anySatisfy(v -> {
            assertThat(v.peer()).isEqualTo(listener);
            assertThat(v.expiry().getEpochSecond()).isEqualTo(Long.parseLong(r.string("expire")));
        });
    }

    @Test
    void ourPeerReachesAJsClientThroughOurRelay() throws Exception {
        jsListener.reserve(addrOf(relayNode).toString());
        PeerId listener = PeerId.fromBase58(jsListener.peerId());
        Multiaddr toListener = Multiaddr.parse(circuitTo(addrOf(relayNode).toString(), listener));

        Connection c = get(b.host().connect(toListener));
        assertThat(c.isRelayed()).isTrue();
        assertThat(c.relay()).contains(relayNode.host().peerId());
        PingInitiator ping = get(b.ping().open(c));
        assertThat(get(ping.ping())).isPositive();
        byte[] data = payload();
        assertThat(echoOver(c, data)).isEqualTo(data);

        assertThat(relay.snapshot().circuits()).anySatisfy(v -> {
            assertThat(v.source()).isEqualTo(b.host().peerId());
            assertThat(v.destination()).isEqualTo(listener);
            assertThat(v.sourceToDestinationBytes()).isGreaterThan(PAYLOAD);
            assertThat(v.destinationToSourceBytes()).isGreaterThan(PAYLOAD);
        });
        // js took the circuit as an inbound relayed connection under the limits our relay announced.
        JsonMap opened = jsListener.awaitEvent("connection:open", e -> b.host().peerId().toString().equals(e.get("remotePeer"))
                && Boolean.TRUE.equals(e.get("relayed")), WAIT);
        assertThat(opened.string("direction")).isEqualTo("inbound");
        // What is left of each limit when the event was printed: the handshake has used a little.
        assertThat(Long.parseLong(opened.map("limits").string("bytes"))).isBetween(OUR_LIMIT.dataBytes() - PAYLOAD,
                OUR_LIMIT.dataBytes());
        assertThat(opened.map("limits").longValue("seconds")).isBetween(OUR_LIMIT.duration().toSeconds() - 30,
                OUR_LIMIT.duration().toSeconds());
    }

    @Test
    void aJsPeerReachesOurClientThroughOurRelay() throws Exception {
        get(aClient.keepReserved(addrOf(relayNode)));
        String toA = circuitTo(addrOf(relayNode).toString(), a.host().peerId());
        PeerId dialer = PeerId.fromBase58(jsDialer.peerId());
        jsDialer.hangUp(a.host().peerId().toString()); // no circuit through the js relay to reuse

        assertThat(jsDialer.ping(toA)).isGreaterThanOrEqualTo(0);
        byte[] data = payload();
        assertThat(jsDialer.echo(toA, data)).isEqualTo(data);

        assertThat(relay.snapshot().circuits()).anySatisfy(v -> {
            assertThat(v.source()).isEqualTo(dialer);
            assertThat(v.destination()).isEqualTo(a.host().peerId());
            assertThat(v.sourceToDestinationBytes()).isGreaterThan(PAYLOAD);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.host().connections().connections(dialer))
                .anySatisfy(c -> assertThat(c.relay()).contains(relayNode.host().peerId())));
    }
}
