package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LookupTest {
    private final Random random = new Random(42);

    private static LookupResult await(java.util.concurrent.CompletionStage<LookupResult> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void findPeerSucceedsInASimulatedNetworkOfAThousandNodesInFewHops() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(1_000, 60, random);
        int lookups = 300;
        int found = 0;
        List<Integer> hops = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            PeerId from = net.peers.get(random.nextInt(net.peers.size()));
            PeerId target = net.peers.get(random.nextInt(net.peers.size()));
            while (from.equals(target)) {
                target = net.peers.get(random.nextInt(net.peers.size()));
            }
            LookupResult result = await(net.lookupFrom(from).findPeer(target));
            if (result.target().isPresent()) {
                found++;
                hops.add(result.hops());
                assertThat(result.target().get()).isEqualTo(net.kadPeer(target));
            }
        }
        Collections.sort(hops);
        int median = hops.get(hops.size() / 2);
        int p99 = hops.get(hops.size() * 99 / 100);
        System.out.printf("simulated lookups: %d/%d found, hops median %d p99 %d, requests per lookup %.1f%n",
                found, lookups, median, p99, net.requests / (double) lookups);
        assertThat(found).isEqualTo(lookups);
        assertThat(median).isLessThanOrEqualTo(3);
    }

    @Test
    void closestPeersReturnsTheTrueKClosestAndAddsAnsweringPeersToTheTable() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(300, 40, random);
        PeerId from = net.peers.get(0);
        byte[] key = "a provider key".getBytes();
        KadId target = KadId.ofKey(key);
        List<PeerId> truth = net.peers.stream().filter(p -> !p.equals(from))
                .sorted(Comparator.comparing(KadId::of, target.byDistance())).limit(RoutingTableConfig.K).toList();

        int sizeBefore = net.tables.get(from).size();
        LookupResult result = await(net.lookupFrom(from).closestPeers(key));

        assertThat(result.closest()).extracting(KadPeer::id).containsExactlyElementsOf(truth);
        assertThat(result.deadlineReached()).isFalse();
        assertThat(net.tables.get(from).size()).isGreaterThan(sizeBefore);
    }

    @Test
    void peersThatFailOrNeverAnswerDoNotStallTheLookupAndAreCountedAsFailures() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(300, 40, random);
        PeerId from = net.peers.get(0);
        PeerId target = net.peers.get(1);
        List<PeerId> seeds = net.tables.get(from).closest(KadId.of(target), RoutingTableConfig.K).stream()
                .map(e -> e.peerId()).filter(p -> !p.equals(target)).toList();
        net.down.add(seeds.get(0));
        net.silent.add(seeds.get(1));
        Lookup lookup = new Lookup(from, net.tables.get(from), net.querierFor(from), p -> { },
                Duration.ofMillis(200), Lookup.DEADLINE);

        LookupResult result = await(lookup.findPeer(target));

        assertThat(result.target()).isPresent();
        assertThat(result.deadlineReached()).isFalse();
        assertThat(net.tables.get(from).find(seeds.get(0)).orElseThrow().failedQueries()).isEqualTo(1);
    }

    @Test
    void theOverallDeadlineEndsALookupWhosePeersNeverAnswer() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(100, 40, random);
        PeerId from = net.peers.get(0);
        net.silent.addAll(net.peers);
        Lookup lookup = new Lookup(from, net.tables.get(from), net.querierFor(from), p -> { },
                Duration.ofMinutes(5), Duration.ofMillis(300));

        LookupResult result = await(lookup.findPeer(SimulatedNetwork.randomPeer(random)));

        assertThat(result.deadlineReached()).isTrue();
        assertThat(result.closest()).isEmpty();
        assertThat(result.queries()).isEqualTo(Lookup.ALPHA);
    }

    @Test
    void learnedPeersAreReportedSoTheirAddressesCanBeDialled() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(200, 30, random);
        PeerId from = net.peers.get(0);
        List<KadPeer> learned = Collections.synchronizedList(new ArrayList<>());
        Lookup lookup = new Lookup(from, net.tables.get(from), net.querierFor(from), learned::add);
        await(lookup.closestPeers("x".getBytes()));
        assertThat(learned).isNotEmpty().allSatisfy(p -> assertThat(p.addrs()).containsExactly(net.addrs.get(p.id())));
    }
}
