package io.wirepunch.core.node;

import static io.wirepunch.core.node.LoopbackNodes.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.relay.RelayException;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.usage.RelayClientUsage;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import io.wirepunch.core.protocol.relay.usage.UsageLimit;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay usage accounting through nodes on loopback: a relay R with a 1 MiB global and per-peer
 * limit, A keeping a reservation on it, and B sending to A through the circuit.
 */
@Timeout(60)
class NodeRelayUsageTest {
    private static final String SINK = "/wirepunch-test/sink/1.0.0";
    private static final long LIMIT = 1L << 20;
    /** Limits of 1 MiB, circuits without a per-circuit limit, the counts written on stop only (in effect). */
    private static final String CONFIG = """
            {"network_usage": {"global_limit": "1MiB", "peer_limit": "1MiB", "write_interval": "1h"},
             "circuits": {"max_duration": 0, "max_bytes": 0}}""";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final LoopbackNodes net = new LoopbackNodes();
    @TempDir
    Path dataDir;

    @AfterEach
    void stopAll() throws Exception {
        net.close();
    }

    private Node start(NodeOptions options) throws Exception {
        Node node = net.start(options);
        node.host().protocols().register(SINK, s -> s.channel().pipeline().addLast(new Discard()));
        return node;
    }

    private Node relay() throws Exception {
        return start(NodeOptions.defaults().withRelayService(
                new RelayServiceSettings(RelayConfigFile.parse(CONFIG), dataDir)));
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private static Multiaddr circuitTo(Node relay, Node target) {
        return addr(relay).encapsulate("/p2p-circuit").withPeerId(target.host().peerId());
    }

    /** A peer that keeps a reservation on {@code relay}, once it holds it. */
    private Node reservedOn(Node relay) throws Exception {
        Node a = start(NodeOptions.defaults().withRelays(List.of(addr(relay))));
        await().atMost(SETTLE).until(() -> a.relayClient().reservation(relay.host().peerId()).isPresent());
        return a;
    }

    private static long through(Node node, Node relay) {
        RelayClientUsage.RelayTraffic t = node.relayClientUsage().relays().stream()
                .filter(r -> r.relay().equals(relay.host().peerId())).findFirst()
                .orElse(new RelayClientUsage.RelayTraffic(relay.host().peerId(), 0, 0));
        return t.totalBytes();
    }

    private static UsageSnapshot usage(Node relay) {
        return relay.relayUsage().orElseThrow();
    }

    /** Sends {@code bytes} on the stream and waits until the relay has counted what both ends counted. */
    private static void sendAndSettle(Stream s, long bytes, Node relay, Node a, Node b) {
        int chunk = 16 * 1024;
        long before = through(b, relay);
        for (long left = bytes; left > 0; left -= chunk) {
            s.channel().write(Unpooled.wrappedBuffer(new byte[(int) Math.min(chunk, left)]));
        }
        s.channel().flush();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(20)).until(() -> {
            long atB = through(b, relay);
            return atB >= before + bytes && usage(relay).globalBytes() == atB && through(a, relay) == atB;
        });
    }

    /** R relays, A holds a reservation on it, B reaches A through R and opened a stream to A's sink. */
    private record Circuit(Node relay, Node a, Node b, Connection connection, Stream stream) {}

    private Circuit circuit() throws Exception {
        Node r = relay();
        Node a = reservedOn(r);
        Node b = start(NodeOptions.defaults());
        Connection c = get(b.host().connect(circuitTo(r, a)));
        assertThat(c.isRelayed()).isTrue();
        return new Circuit(r, a, b, c, get(c.newStream(st -> st.channel().pipeline().addLast(new Discard()), SINK)));
    }

    @Test
    void theRelayCountsEachPeerTheBytesItsCircuitCarriedAndWritesThemOnStop() throws Exception {
        Circuit circuit = circuit();
        Node r = circuit.relay();
        Node a = circuit.a();
        Node b = circuit.b();
        Connection c = circuit.connection();
        Stream s = circuit.stream();

        long payload = 64 * 1024;
        sendAndSettle(s, payload, r, a, b);

        long carried = through(b, r);
        UsageSnapshot snap = usage(r);
        assertThat(snap.globalBytes()).isEqualTo(carried);
        assertThat(snap.topPeers()).extracting(p -> p.peer()).containsExactlyInAnyOrder(a.host().peerId(), b.host().peerId());
        assertThat(snap.topPeers()).allSatisfy(p -> assertThat(p.bytes()).isEqualTo(carried));
        var view = r.relayService().orElseThrow().snapshot().circuits().get(0);
        assertThat(view.sourceToDestinationBytes() + view.destinationToSourceBytes()).isEqualTo(carried);
        // The end-to-end encryption and framing add a little; the relay's own framing adds nothing.
        assertThat(carried).isBetween(payload, payload + payload / 10);

        net.stop(r);
        JsonNode stats = JsonMapper.builder().build().readTree(Files.readString(dataDir.resolve("stats.json")));
        assertThat(stats.get("network_bytes").asLong()).isEqualTo(carried);
        assertThat(stats.get("peer_stats").get(a.host().peerId().toBase58()).get("network_bytes").asLong())
                .isEqualTo(carried);
    }

    @Test
    void pastNinetyPercentNewReservationsAndCircuitsAreRefusedAndPastNinetyThreeTheCircuitCloses() throws Exception {
        Circuit circuit = circuit();
        Node r = circuit.relay();
        Node a = circuit.a();
        Node b = circuit.b();
        Connection c = circuit.connection();
        Stream s = circuit.stream();
        UsageLimit limit = UsageLimit.of(LIMIT);

        sendAndSettle(s, limit.softThreshold() - 64 * 1024, r, a, b);
        assertThat(usage(r).globalState()).isEqualTo(UsageState.OK);
        while (usage(r).globalBytes() < limit.softThreshold()) {
            sendAndSettle(s, 4 * 1024, r, a, b);
        }
        assertThat(usage(r).globalBytes()).isLessThan(limit.hardThreshold());
        assertThat(usage(r).globalState()).isEqualTo(UsageState.SOFT);

        Node late = start(NodeOptions.defaults());
        assertThatThrownBy(() -> get(late.relayClient().reserve(addr(r))))
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESERVATION_REFUSED));
        assertThatThrownBy(() -> get(late.host().connect(circuitTo(r, a))))
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(Status.RESOURCE_LIMIT_EXCEEDED));
        assertThat(c.isOpen()).as("the active circuit stays open at the soft limit").isTrue();

        for (int i = 0; i < 2; i++) {
            s.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[(int) (limit.hardThreshold() - limit.softThreshold())]));
        }
        await().atMost(SETTLE).until(() -> r.relayService().orElseThrow().snapshot().circuits().isEmpty() && !c.isOpen());
        assertThat(usage(r).globalState()).isEqualTo(UsageState.HARD);
    }

    private static Status statusOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof RelayException e) {
                return e.status();
            }
        }
        throw new AssertionError("no RelayException in " + thrown, thrown);
    }

    /** Reads and drops what arrives. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
