package io.wirepunch.core.protocol.kad.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.kad.KadCodec;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimNetworkTest {
    private static final long SEED = 9;
    private static final int NODES = 300;

    private static List<List<PeerId>> tables(SimNetwork network) {
        return network.nodes().stream()
                .map(node -> node.table().peers().stream().map(PeerEntry::peerId).toList()).toList();
    }

    private static int frameBytes(KadMessage message) {
        int body = KadCodec.encode(message).length;
        return Varint.encodedLength(body) + body;
    }

    /** A node and a peer in its table that knows it back, so asking costs no admission PING. */
    private static SimNode[] acquaintances(SimNetwork network) {
        for (SimNode node : network.nodes()) {
            for (PeerEntry entry : node.table().peers()) {
                SimNode peer = network.node(entry.peerId()).orElseThrow();
                if (peer.table().find(node.peerId()).isPresent()) {
                    return new SimNode[] {node, peer};
                }
            }
        }
        throw new AssertionError("no two nodes know each other");
    }

    @Test
    void oneSeedBuildsTheSameNetworkEveryTime() {
        SimNetwork first = SimNetwork.build(NODES, SEED);
        SimNetwork second = SimNetwork.build(NODES, SEED);
        SimNetwork other = SimNetwork.build(NODES, SEED + 1);

        assertThat(second.messages()).isEqualTo(first.messages());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(tables(second)).isEqualTo(tables(first));
        assertThat(tables(other)).isNotEqualTo(tables(first));
    }

    @Test
    void aRequestAndItsAnswerCrossTheWireEncoded() {
        SimNetwork network = SimNetwork.build(NODES, SEED);
        SimNode[] pair = acquaintances(network);
        KadMessage request = KadMessage.of(KadMessage.Type.FIND_NODE, "some key".getBytes());
        long messages = network.messages();
        long bytes = network.bytes();

        KadMessage answer = network.await(network.querierFor(pair[0]).ask(pair[1].peerId(), request));
        network.settle();

        assertThat(answer.closerPeers()).hasSize(RoutingTableConfig.K)
                .extracting(KadPeer::id).doesNotContain(pair[0].peerId());
        assertThat(network.messages() - messages).isEqualTo(1);
        assertThat(network.bytes() - bytes).isEqualTo(frameBytes(request) + frameBytes(answer));
    }

    @Test
    void aFloodIsRefusedByTheReceiversRateLimiter() {
        SimNetwork network = SimNetwork.build(NODES, SEED);
        SimNode[] pair = acquaintances(network);
        List<CompletableFuture<KadMessage>> answers = new ArrayList<>();
        for (int i = 0; i <= InboundQueryLimiter.DEFAULT_BURST; i++) {
            answers.add(network.querierFor(pair[0]).ask(pair[1].peerId(), KadMessage.ping()).toCompletableFuture());
        }
        network.settle();

        assertThat(answers).allMatch(CompletableFuture::isDone);
        assertThat(answers.stream().filter(a -> !a.isCompletedExceptionally())).hasSize(InboundQueryLimiter.DEFAULT_BURST);
        assertThat(answers.get(InboundQueryLimiter.DEFAULT_BURST)).isCompletedExceptionally();
        assertThat(answers.get(InboundQueryLimiter.DEFAULT_BURST).handle((a, e) -> e).join())
                .isInstanceOf(KadException.class);
    }

    @Test
    void aNewcomerIsKnownToItsClosestPeersOnceItHasJoined() {
        SimNetwork network = SimNetwork.build(NODES, SEED);
        SimNode newcomer = network.join();
        List<SimNode> closest = network.nodes().stream().filter(n -> n != newcomer)
                .sorted(Comparator.comparing(n -> KadId.of(n.peerId()), KadId.of(newcomer.peerId()).byDistance()))
                .limit(RoutingTableConfig.K).toList();

        long knowIt = closest.stream().filter(n -> n.table().find(newcomer.peerId()).isPresent()).count();
        long known = closest.stream().filter(n -> newcomer.table().find(n.peerId()).isPresent()).count();
        assertThat(knowIt).isEqualTo(RoutingTableConfig.K);
        assertThat(known).isEqualTo(RoutingTableConfig.K);
    }
}
