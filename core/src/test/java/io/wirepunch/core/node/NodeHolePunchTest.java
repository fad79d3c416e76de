package io.wirepunch.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.wirepunch.core.holepunch.AttemptOutcome;
import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.holepunch.HolePunchRole;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DCUtR between real nodes on loopback, through a real relay: both roles, the outcomes punchr
 * names, the switch from the relayed connection to the direct one, and the bad input a responder
 * must refuse. Loopback counts as public here ({@code --public-ranges 127.0.0.0/8}), so the
 * observed addresses are dialable; there is no NAT, so the remote's dial may reach a listener
 * first and the promised role must still hold.
 */
class NodeHolePunchTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final PublicRanges LOOPBACK_PUBLIC = PublicRanges.parse("127.0.0.0/8");

    private final LoopbackNodes nodes = new LoopbackNodes();
    private Path dataDir;
    private Node relay;

    @BeforeEach
    void relay() throws Exception {
        dataDir = Files.createTempDirectory("holepunch");
        relay = nodes.start(NodeOptions.defaults().withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withRelayService(new RelayServiceSettings(RelayConfigFile.DEFAULTS, dataDir)));
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private NodeOptions options(HolePunchConfig holePunch) {
        return NodeOptions.defaults().withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withAutonat(AutoNatConfig.defaults().withPublicRanges(LOOPBACK_PUBLIC))
                .withHolePunch(holePunch);
    }

    /** A node behind "NAT": it keeps a reservation on the relay and is reached through it. */
    private Node reserved(HolePunchConfig holePunch) throws Exception {
        Node b = nodes.start(options(holePunch).withRelays(List.of(addr(relay))), true);
        await().atMost(SETTLE).until(() -> b.relayClient().reservation(relay.host().peerId()).isPresent());
        return b;
    }

    /** The node that connects through the relay, having learnt its observed address from the relay. */
    private Node dialler(HolePunchConfig holePunch) throws Exception {
        Node a = nodes.start(options(holePunch), true);
        LoopbackNodes.get(a.host().connect(addr(relay)));
        await().atMost(SETTLE).until(() -> !a.autonat().snapshot().observed().isEmpty());
        return a;
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private Multiaddr circuitTo(Node target) {
        return addr(relay).encapsulate("/p2p-circuit").withPeerId(target.host().peerId());
    }

    private static HolePunchConfig exchangeOnly() {
        return HolePunchConfig.defaults().withOneSidedDial(false);
    }

    private static HolePunchRecord lastRecord(Node n) {
        await().atMost(SETTLE).until(() -> n.holePunch().history().size() > 0);
        List<HolePunchRecord> all = n.holePunch().history().records();
        return all.get(all.size() - 1);
    }

    @Test
    void punchesThroughTheRelayAndMovesToTheDirectConnection() throws Exception {
        Node b = reserved(exchangeOnly());
        Node a = dialler(exchangeOnly());

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(b)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.SUCCESS);
        assertThat(atA.role()).isEqualTo(HolePunchRole.RESPONDER);
        assertThat(atA.relay()).contains(relay.host().peerId());
        assertThat(atA.attempts()).hasSize(1);
        assertThat(atA.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.SUCCESS);
        assertThat(atA.directAddr()).isPresent();
        assertThat(atA.timeToDirect()).isPresent();
        assertThat(atA.remoteAddrs()).isNotEmpty();

        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.role()).isEqualTo(HolePunchRole.INITIATOR);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.SUCCESS);
        assertThat(atB.startRtt()).isPresent();
        assertThat(atB.attempts().get(0).rtt()).isPresent();

        // New streams go direct; the relayed connection closes once idle.
        Connection preferred = a.host().connections().get(b.host().peerId()).orElseThrow();
        assertThat(preferred.isRelayed()).isFalse();
        await().atMost(SETTLE).until(() -> a.host().connections().connections(b.host().peerId()).stream()
                .noneMatch(Connection::isRelayed));
        assertThat(pingOver(a, a.host().connections().get(b.host().peerId()).orElseThrow())).isPositive();
    }

    private static long pingOver(Node from, Connection c) throws Exception {
        return LoopbackNodes.get(LoopbackNodes.get(from.ping().open(c)).ping()).toNanos();
    }

    @Test
    void aPublicDiallerIsReachedByTheRemotesOwnDial() throws Exception {
        Node b = reserved(HolePunchConfig.defaults());
        Node a = dialler(HolePunchConfig.defaults());

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(b)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.CONNECTION_REVERSED);
        assertThat(atA.attempts()).isEmpty();
        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.SUCCESS);
        assertThat(atB.attempts()).extracting(x -> x.outcome()).containsExactly(AttemptOutcome.DIRECT_DIAL);
    }

    @Test
    void noStreamWhenTheRemoteNeverStartsDcutr() throws Exception {
        Node b = reserved(exchangeOnly().withAuto(false));
        Node a = dialler(exchangeOnly().withStreamWait(Duration.ofSeconds(2)));

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(b)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.NO_STREAM);
        assertThat(a.holePunch().history().records()).contains(atA);
    }

    @Test
    void noConnectionWhenTheRelayCannotReachThePeer() throws Exception {
        Node a = dialler(exchangeOnly());
        Node stranger = nodes.start(options(exchangeOnly()));

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(stranger)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.NO_CONNECTION);
        assertThat(atA.error()).isPresent();
    }

    @Test
    void failsAfterThreeAttemptsWhenNothingIsDialableAndTheRelayedConnectionStaysUsable() throws Exception {
        Node b = reserved(exchangeOnly().withDialTimeout(Duration.ofSeconds(1)));
        // A counts no address as public, so it offers none, and B has nothing to dial.
        Node a = nodes.start(NodeOptions.defaults().withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withHolePunch(exchangeOnly()), true);

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(b)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.FAILED);
        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.FAILED);
        assertThat(atB.attempts()).hasSize(HolePunchConfig.DEFAULT_MAX_ATTEMPTS)
                .allSatisfy(x -> assertThat(x.outcome()).isEqualTo(AttemptOutcome.FAILED));
        Connection relayed = a.host().connections().get(b.host().peerId()).orElseThrow();
        assertThat(relayed.isRelayed()).isTrue();
        assertThat(pingOver(a, relayed)).isPositive();
    }

    @Test
    void withNoPublicAddressOfItsOwnTheInitiatorDeclinesWithoutAStream() throws Exception {
        Node b = nodes.start(NodeOptions.defaults().withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withRelays(List.of(addr(relay))).withHolePunch(exchangeOnly()), true);
        await().atMost(SETTLE).until(() -> b.relayClient().reservation(relay.host().peerId()).isPresent());
        Node a = dialler(exchangeOnly().withStreamWait(Duration.ofSeconds(2)));

        HolePunchRecord atA = LoopbackNodes.get(a.holePunch().punchThrough(circuitTo(b)));

        assertThat(atA.outcome()).isEqualTo(HolePunchOutcome.NO_STREAM);
        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.FAILED);
        assertThat(atB.attempts()).isEmpty();
        assertThat(atB.error()).contains("no public address of our own to offer");
    }

    @Test
    void aSyncWithoutConnectIsAProtocolErrorAndTheStreamIsReset() throws Exception {
        Node b = reserved(exchangeOnly().withAuto(false));
        Node x = nodes.start(options(exchangeOnly().withAuto(false)), true);
        Connection relayed = LoopbackNodes.get(x.host().connect(circuitTo(b)));
        Stream s = LoopbackNodes.get(relayed.newStream(st -> st.channel().pipeline().addLast(new ChannelInboundHandlerAdapter()),
                DcutrProtocol.ID));

        s.channel().writeAndFlush(HolePunchMessage.sync().frame(s.channel().alloc()));

        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.FAILED);
        assertThat(atB.attempts()).extracting(r -> r.outcome()).containsExactly(AttemptOutcome.PROTOCOL_ERROR);
        assertThat(atB.error()).hasValueSatisfying(m -> assertThat(m).contains("SYNC without a CONNECT"));
        await().atMost(SETTLE).until(() -> !s.channel().isActive());
        assertThat(relayed.isOpen()).isTrue();
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        Node b = reserved(exchangeOnly().withAuto(false).withMessageTimeout(Duration.ofMillis(500)));
        Node x = nodes.start(options(exchangeOnly().withAuto(false)), true);
        Connection relayed = LoopbackNodes.get(x.host().connect(circuitTo(b)));
        LoopbackNodes.get(relayed.newStream(st -> st.channel().pipeline().addLast(new ChannelInboundHandlerAdapter()),
                DcutrProtocol.ID));

        HolePunchRecord atB = lastRecord(b);
        assertThat(atB.outcome()).isEqualTo(HolePunchOutcome.FAILED);
        assertThat(atB.attempts()).extracting(r -> r.outcome()).containsExactly(AttemptOutcome.TIMEOUT);
    }

    @Test
    void aDcutrStreamOnADirectConnectionIsRefused() throws Exception {
        Node b = nodes.start(options(exchangeOnly()), true);
        Node x = nodes.start(options(exchangeOnly()), true);
        Connection direct = LoopbackNodes.get(x.host().connect(addr(b)));
        Stream s = LoopbackNodes.get(direct.newStream(st -> st.channel().pipeline().addLast(new ChannelInboundHandlerAdapter()),
                DcutrProtocol.ID));

        await().atMost(SETTLE).until(() -> !s.channel().isActive());
        assertThat(b.holePunch().history().size()).isZero();
        assertThat(direct.isOpen()).isTrue();
    }
}
