package io.wirepunch.core.protocol.kad.routing;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.distinctNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoutingTableConcurrencyTest {
    @Test
    void manyThreadsAddFailQueryAndCheckLivenessAtOnce() throws Exception {
        Random seed = new Random(21);
        KadId local = KadId.random(seed);
        ExecutorService checks = Executors.newFixedThreadPool(2);
        // Liveness answers arrive later on other threads, as pings would, and half of them fail.
        LivenessCheck check = peer -> CompletableFuture.supplyAsync(() -> peer.kadId().bit(7), checks);
        RoutingTable table = new RoutingTable(local, RoutingTableConfig.defaults().withBucketSize(4), check,
                Clock.systemUTC(), seed);
        int threads = 6;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = seed.nextLong();
                done.add(workers.submit(() -> work(table, new Random(threadSeed), local)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
            checks.shutdown();
            assertThat(checks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        List<PeerEntry> peers = table.peers();
        assertThat(peers).extracting(PeerEntry::peerId).doesNotHaveDuplicates();
        for (int i = 0; i < KadId.BITS; i++) {
            int bucket = i;
            assertThat(peers.stream().filter(p -> local.commonPrefixLength(p.kadId()) == bucket)).hasSizeLessThanOrEqualTo(4);
        }
        KadId target = KadId.random(seed);
        assertThat(table.closest(target, 1000)).extracting(PeerEntry::peerId).containsExactlyElementsOf(peers.stream()
                .sorted(Comparator.comparing(PeerEntry::kadId, target.byDistance())).map(PeerEntry::peerId).toList());
    }

    private static void work(RoutingTable table, Random random, KadId local) {
        List<PeerId> mine = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            PeerId peer = TestPeers.randomPeer(random);
            mine.add(peer);
            table.peerAnsweredQuery(peer, distinctNetwork(random.nextInt(1 << 20)));
            List<PeerEntry> closest = table.closest(KadId.random(random), 20);
            for (int j = 1; j < closest.size(); j++) {
                if (local.compareDistance(closest.get(j - 1).kadId(), closest.get(j).kadId()) == 0) {
                    throw new AssertionError("a peer was returned twice");
                }
            }
            if (i % 3 == 0) {
                table.peerFailedQuery(mine.get(random.nextInt(mine.size())));
            }
            if (i % 50 == 0) {
                table.bucketsDueForRefresh(java.time.Instant.now());
                table.peersToSave();
            }
        }
    }
}
