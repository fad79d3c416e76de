package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.sim.SimNetwork;
import io.wirepunch.core.protocol.kad.sim.SimNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lookup's behaviour over networks of simulated nodes; DhtSimulationTest has the figures at scale. */
@Timeout(60)
class LookupTest {
    private static final long SEED = 42;

    @Test
    void closestPeersReturnsTheTrueKClosestAndAddsAnsweringPeersToTheTable() {
        SimNetwork net = SimNetwork.build(300, SEED);
        SimNode from = net.node(0);
        byte[] key = "a provider key".getBytes();
        KadId target = KadId.ofKey(key);
        List<PeerId> truth = net.nodes().stream().map(SimNode::peerId).filter(p -> !p.equals(from.peerId()))
                .sorted(Comparator.comparing(KadId::of, target.byDistance())).limit(RoutingTableConfig.K).toList();

        int sizeBefore = from.table().size();
        LookupResult result = net.await(net.lookupFrom(from).closestPeers(key));

        assertThat(result.closest()).extracting(KadPeer::id).containsExactlyElementsOf(truth);
        assertThat(result.deadlineReached()).isFalse();
        assertThat(from.table().size()).isGreaterThan(sizeBefore);
    }

    @Test
    void peersThatFailOrNeverAnswerDoNotStallTheLookupAndAreCountedAsFailures() {
        SimNetwork net = SimNetwork.build(300, SEED);
        SimNode from = net.node(0);
        // A target the asker does not know, so the lookup has to ask its closest peers.
        SimNode target = net.nodes().stream().filter(n -> n != from && from.table().find(n.peerId()).isEmpty())
                .findFirst().orElseThrow();
        List<PeerId> seeds = from.table().closest(KadId.of(target.peerId()), RoutingTableConfig.K).stream()
                .map(PeerEntry::peerId).toList();
        net.node(seeds.get(0)).orElseThrow().behave(SimNode.Behaviour.DOWN);
        net.node(seeds.get(1)).orElseThrow().behave(SimNode.Behaviour.SILENT);
        Lookup lookup = new Lookup(from.peerId(), from.table(), net.querierFor(from), p -> { },
                Duration.ofMillis(200), Lookup.DEADLINE);

        LookupResult result = net.await(lookup.findPeer(target.peerId()));

        assertThat(result.target()).contains(target.kadPeer());
        assertThat(result.deadlineReached()).isFalse();
        assertThat(from.table().find(seeds.get(0)).orElseThrow().failedQueries()).isEqualTo(1);
    }

    @Test
    void theOverallDeadlineEndsALookupWhosePeersNeverAnswer() {
        SimNetwork net = SimNetwork.build(100, SEED);
        SimNode from = net.node(0);
        net.nodes().forEach(node -> node.behave(SimNode.Behaviour.SILENT));
        Lookup lookup = new Lookup(from.peerId(), from.table(), net.querierFor(from), p -> { },
                Duration.ofMinutes(5), Duration.ofMillis(300));

        LookupResult result = net.await(lookup.findPeer(SimNetwork.randomPeerId(new SplittableRandom(SEED))));

        assertThat(result.deadlineReached()).isTrue();
        assertThat(result.closest()).isEmpty();
        assertThat(result.queries()).isEqualTo(Lookup.ALPHA);
    }

    @Test
    void learnedPeersAreReportedSoTheirAddressesCanBeDialled() {
        SimNetwork net = SimNetwork.build(200, SEED);
        SimNode from = net.node(0);
        List<KadPeer> learned = Collections.synchronizedList(new ArrayList<>());
        Lookup lookup = new Lookup(from.peerId(), from.table(), net.querierFor(from), learned::add);
        net.await(lookup.closestPeers("x".getBytes()));
        assertThat(learned).isNotEmpty().allSatisfy(p ->
                assertThat(p.addrs()).containsExactly(net.node(p.id()).orElseThrow().address()));
    }
}
