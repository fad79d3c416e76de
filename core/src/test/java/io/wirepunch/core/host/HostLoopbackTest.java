package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.Version;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.identify.IdentifyProtocol;
import io.wirepunch.core.protocol.perf.PerfResult;
import io.wirepunch.core.protocol.ping.PingInitiator;
import io.wirepunch.core.protocol.ping.PingProtocol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two full nodes in one JVM over loopback TCP: upgrade, identify, ping, perf, limits. */
class HostLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private Node a;
    private Node b;

    @BeforeEach
    void start() throws Exception {
        a = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), true);
        b = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), true);
        a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Multiaddr addrOf(Node n) {
        return n.host().listenAddrs().get(0).withPeerId(n.host().peerId());
    }

    @Test
    void connectsIdentifiesBothWaysAndPings() throws Exception {
        List<HostEvent> seenByA = new CopyOnWriteArrayList<>();
        List<HostEvent> seenByB = new CopyOnWriteArrayList<>();
        a.host().subscribe(seenByA::add);
        b.host().subscribe(seenByB::add);

        Connection c = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(c.remotePeer()).isEqualTo(b.host().peerId());
        assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                seenByA.stream().anyMatch(e -> e instanceof HostEvent.Identified)
                        && seenByB.stream().anyMatch(e -> e instanceof HostEvent.Identified));
        HostEvent.Identified aLearned = seenByA.stream().filter(e -> e instanceof HostEvent.Identified)
                .map(HostEvent.Identified.class::cast).findFirst().orElseThrow();
        assertThat(aLearned.peer()).isEqualTo(b.host().peerId());
        assertThat(aLearned.agentVersion()).isEqualTo(Version.agent());
        assertThat(aLearned.protocols()).contains(IdentifyProtocol.ID, IdentifyProtocol.PUSH_ID, PingProtocol.ID,
                io.wirepunch.core.protocol.autonat.AutoNatProtocol.ID);
        assertThat(aLearned.listenAddrs()).contains(b.host().listenAddrs().get(0));
        // b sees a at the ephemeral port a dialled from; that is what a's observed address must be.
        assertThat(aLearned.observedAddr()).isEqualTo(c.localAddr());
        assertThat(aLearned.connection()).isSameAs(c);
        assertThat(a.host().peerstore().agentVersion(b.host().peerId())).contains(Version.agent());

        PingInitiator ping = a.ping().open(c).toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertThat(ping.ping().toCompletableFuture().get(5, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void perfMovesBytesBothWays() throws Exception {
        Connection c = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        PerfResult r = a.perf().measure(c, 20_000_000, 30_000_000).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(r.uploadBytes()).isEqualTo(20_000_000);
        assertThat(r.downloadBytes()).isEqualTo(30_000_000);
        assertThat(r.uploadMBps()).isPositive();
        assertThat(r.downloadMBps()).isPositive();
        // Each end counts what crossed the wire, framing included: at least the payload, and what
        // one end sent the other received.
        assertThat(c.bytesSent()).isGreaterThan(20_000_000);
        assertThat(c.bytesReceived()).isGreaterThan(30_000_000);
        Connection atB = b.host().connections().get(a.host().peerId()).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> atB.bytesReceived() == c.bytesSent()
                && c.bytesReceived() == atB.bytesSent());
    }

    @Test
    void dialingTheWrongPeerIdFailsAndLeavesNoConnection() {
        Multiaddr wrong = b.host().listenAddrs().get(0).withPeerId(Keys.generateEd25519().publicKey().peerId());
        assertThatThrownBy(() -> a.host().connect(wrong).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.host().connections().size() == 0
                && b.host().connections().size() == 0);
    }

    @Test
    void unsupportedProtocolFailsTheStreamNotTheConnection() throws Exception {
        Connection c = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> c.newStream(s -> {}, "/nobody/speaks/this/1.0.0").toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(c.isOpen()).isTrue();
        assertThat(a.ping().open(c).toCompletableFuture().get(10, TimeUnit.SECONDS).ping()
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void secondConnectReusesTheFirstAndSimultaneousDialsEndWithOne() throws Exception {
        Connection c1 = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Connection c2 = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(c2).isSameAs(c1);
        // b dials back: a duplicate in the other direction, closed once idle.
        b.host().connect(addrOf(a)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.host().connections().connections(b.host().peerId()).size() == 1
                && b.host().connections().connections(a.host().peerId()).size() == 1);
    }

    @Test
    void aForcedDialOpensASecondConnectionEvenWhileOneIsOpen() throws Exception {
        Connection c1 = a.host().connect(addrOf(b)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Connection c2 = a.host().connect(addrOf(b), DialOptions.forceNew()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(c2).isNotSameAs(c1);
        assertThat(c2.localAddr()).isNotEqualTo(c1.localAddr());
        assertThat(c2.remotePeer()).isEqualTo(b.host().peerId());
        assertThat(a.host().connections().connections(b.host().peerId())).contains(c1, c2);
        c2.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.host().connections().connections(b.host().peerId()).equals(List.of(c1)));
        assertThat(c1.isOpen()).isTrue();
    }

    @Test
    void simultaneousDialsBothWaysKeepTheSameSingleConnectionOnBothEnds() throws Exception {
        var ab = a.host().connect(addrOf(b)).toCompletableFuture();
        var ba = b.host().connect(addrOf(a)).toCompletableFuture();
        ab.get(10, TimeUnit.SECONDS);
        ba.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                a.host().connections().connections(b.host().peerId()).size() == 1
                        && b.host().connections().connections(a.host().peerId()).size() == 1);
        Connection onA = a.host().connections().get(b.host().peerId()).orElseThrow();
        Connection onB = b.host().connections().get(a.host().peerId()).orElseThrow();
        assertThat(onA.localAddr()).isEqualTo(onB.remoteAddr());
        assertThat(onA.remoteAddr()).isEqualTo(onB.localAddr());
        boolean aDialsWinner = a.host().peerId().compareTo(b.host().peerId()) < 0;
        assertThat(onA.direction()).isEqualTo(aDialsWinner ? Direction.OUTBOUND : Direction.INBOUND);
    }
}
