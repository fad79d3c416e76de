package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.Version;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.identify.IdentifyProtocol;
import io.wirepunch.core.protocol.perf.PerfProtocol;
import io.wirepunch.core.protocol.perf.PerfResult;
import io.wirepunch.core.protocol.ping.PingInitiator;
import io.wirepunch.core.protocol.ping.PingProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Our node against a js-libp2p 3.x node, both directions: dial, Noise, Yamux, identify fields,
 * ping, 100 concurrent streams of 1 MiB each way under flow control, and perf in both roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class JsInteropTest {
    private static final long MIB = 1024 * 1024;
    private Node node;
    private JsPeer js;
    private final List<HostEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<BulkHandler.Outcome>> servedBulk = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))), true);
        node.host().protocols().register(JsPeer.BULK_PROTOCOL, stream -> {
            try {
                BulkHandler h = BulkHandler.responder();
                servedBulk.put(stream.channel().id().asLongText(), h.outcome());
                stream.channel().pipeline().addLast(h);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        node.host().subscribe(events::add);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        js = JsPeer.builder().name("js").start();
    }

    @AfterAll
    void stop() throws Exception {
        if (js != null) {
            js.close();
        }
        node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String ourAddr() {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId()).toString();
    }

    private Connection connectToJs() throws Exception {
        return node.host().connect(Multiaddr.parse(js.addr())).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void jsDialsUsAndIdentifiesUsAndPings() {
        JsonMap dial = js.dial(ourAddr());
        assertThat(dial.string("peer")).isEqualTo(node.host().peerId().toBase58());
        assertThat(dial.map("connection").string("encryption")).isEqualTo("/noise");
        assertThat(dial.map("connection").string("multiplexer")).isEqualTo("/yamux/1.0.0");

        JsonMap id = js.identify(ourAddr());
        assertThat(id.string("agentVersion")).isEqualTo(Version.agent());
        assertThat(id.string("protocolVersion")).isEqualTo(IdentifyProtocol.PROTOCOL_VERSION);
        assertThat(id.strings("protocols")).contains(IdentifyProtocol.ID, IdentifyProtocol.PUSH_ID,
                PingProtocol.ID, PerfProtocol.ID);
        assertThat(id.strings("listenAddrs")).anySatisfy(a -> assertThat(a).startsWith(
                node.host().listenAddrs().get(0).toString()));
        // js sees itself where we see it: at 127.0.0.1 and the port it dialled from.
        assertThat(id.string("observedAddr")).startsWith("/ip4/127.0.0.1/tcp/");

        assertThat(js.ping(ourAddr())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void weDialJsAndIdentifyItAndPing() throws Exception {
        Connection c = connectToJs();
        assertThat(c.remotePeer()).isEqualTo(PeerId.parse(js.peerId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e ->
                e instanceof HostEvent.Identified i && i.peer().equals(c.remotePeer())));
        HostEvent.Identified id = events.stream().filter(e -> e instanceof HostEvent.Identified i
                && i.peer().equals(c.remotePeer())).map(HostEvent.Identified.class::cast).findFirst().orElseThrow();
        assertThat(id.agentVersion()).startsWith("js-libp2p/");
        assertThat(id.protocols()).contains(IdentifyProtocol.ID, PingProtocol.ID, JsPeer.BULK_PROTOCOL);
        assertThat(id.listenAddrs()).isNotEmpty();
        assertThat(id.observedAddr().withoutPeerId()).isEqualTo(c.localAddr());

        PingInitiator ping = node.ping().open(c).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(ping.ping().toCompletableFuture().get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void hundredConcurrentStreamsOfOneMebibyteEachWayFromOurSide() throws Exception {
        Connection c = connectToJs();
        int before = js.events("bulk").size();
        List<CompletableFuture<BulkHandler.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            BulkHandler h = BulkHandler.dialler(MIB);
            outcomes.add(h.outcome());
            c.newStream(s -> s.channel().pipeline().addLast(h), JsPeer.BULK_PROTOCOL)
                    .whenComplete((s, e) -> {
                        if (e != null) {
                            h.outcome().completeExceptionally(e);
                        }
                    });
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        String expected = JsPeer.patternSha256(MIB);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.join().received()).isEqualTo(MIB);
            assertThat(o.join().sha256()).isEqualTo(expected);
        });
        List<JsonMap> served = js.awaitEvents("bulk", e -> true, before + 100, Duration.ofSeconds(30));
        assertThat(served.subList(before, served.size())).allSatisfy(e -> {
            assertThat(e.longValue("received")).isEqualTo(MIB);
            assertThat(e.string("sha256")).isEqualTo(expected);
        });
    }

    @Test
    void hundredConcurrentStreamsOfOneMebibyteEachWayFromJs() throws Exception {
        servedBulk.clear();
        JsonMap r = js.bulk(ourAddr(), 100, MIB, Duration.ofSeconds(120));
        String expected = JsPeer.patternSha256(MIB);
        assertThat(r.maps("streams")).hasSize(100).allSatisfy(s -> {
            assertThat(s.bool("ok")).isTrue();
            assertThat(s.longValue("received")).isEqualTo(MIB);
            assertThat(s.string("sha256")).isEqualTo(expected);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> servedBulk.size() == 100
                && servedBulk.values().stream().allMatch(CompletableFuture::isDone));
        assertThat(servedBulk.values()).allSatisfy(o -> {
            assertThat(o.join().received()).isEqualTo(MIB);
            assertThat(o.join().sha256()).isEqualTo(expected);
        });
    }

    @Test
    void jsPerfClientAgainstOurServer() {
        JsonMap r = js.perf(ourAddr(), 16 * MIB, 32 * MIB, Duration.ofSeconds(120));
        assertThat(r.longValue("uploadBytes")).isEqualTo(16 * MIB);
        assertThat(r.longValue("downloadBytes")).isEqualTo(32 * MIB);
    }

    @Test
    void ourPerfClientAgainstJsServer() throws Exception {
        Connection c = connectToJs();
        PerfResult r = node.perf().measure(c, 16 * MIB, 32 * MIB).toCompletableFuture().get(120, TimeUnit.SECONDS);
        assertThat(r.uploadBytes()).isEqualTo(16 * MIB);
        assertThat(r.downloadBytes()).isEqualTo(32 * MIB);
        assertThat(r.uploadMBps()).isPositive();
        assertThat(r.downloadMBps()).isPositive();
    }
}
