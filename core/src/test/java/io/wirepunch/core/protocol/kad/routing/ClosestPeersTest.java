package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.ALWAYS_ALIVE;
import static io.wirepunch.core.protocol.kad.routing.TestPeers.distinctNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClosestPeersTest {
    private final FakeClock clock = new FakeClock();

    private RoutingTable randomTable(Random random, KadId local, int bucketSize, int peers) {
        RoutingTable table = new RoutingTable(local, RoutingTableConfig.defaults().withBucketSize(bucketSize)
                .withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK), ALWAYS_ALIVE, clock, random);
        for (int i = 0; i < peers; i++) {
            table.peerAnsweredQuery(TestPeers.randomPeer(random), distinctNetwork(i));
        }
        return table;
    }

    private static List<PeerId> bruteForce(RoutingTable table, KadId target, int n) {
        Comparator<PeerEntry> byDistance = Comparator.comparing(PeerEntry::kadId, target.byDistance());
        return table.peers().stream().sorted(byDistance).limit(n).map(PeerEntry::peerId).toList();
    }

    @Test
    void matchesABruteForceSortOnRandomTables() {
        Random random = new Random(1234);
        int checked = 0;
        for (int round = 0; round < 8; round++) {
            KadId local = KadId.random(random);
            int bucketSize = round % 2 == 0 ? RoutingTableConfig.K : 3;
            RoutingTable table = randomTable(random, local, bucketSize, 2000 + 500 * round);
            List<KadId> targets = new ArrayList<>();
            targets.add(local);
            for (PeerEntry entry : table.peers().subList(0, 10)) {
                targets.add(entry.kadId());
            }
            for (int i = 0; i < 40; i++) {
                targets.add(KadId.random(random));
                // Targets near the local id exercise the deep buckets and the group below the target's bucket.
                targets.add(local.randomWithCommonPrefix(random.nextInt(12), random));
            }
            for (KadId target : targets) {
                for (int n : new int[] {1, 3, 20, 50, 10_000}) {
                    assertThat(table.closest(target, n)).extracting(PeerEntry::peerId)
                            .as("round %d, target %s, n %d", round, target, n)
                            .containsExactlyElementsOf(bruteForce(table, target, n));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3000);
    }

    @Test
    void asksForNothingOrMoreThanThereIs() {
        Random random = new Random(5);
        RoutingTable table = randomTable(random, KadId.random(random), RoutingTableConfig.K, 30);
        assertThat(table.closest(KadId.random(random), 0)).isEmpty();
        assertThat(table.closest(KadId.random(random), -1)).isEmpty();
        assertThat(table.closest(KadId.random(random), 1000)).hasSize(table.size());
    }

    /**
     * The sizing the 10,000-node simulation needs: one table fed 10,000 random peers, then 100,000
     * lookups of the 20 closest. Prints the time; the bound only catches an accidental full sort
     * per call (that takes many times longer), not ordinary machine noise.
     */
    @Test
    void closestStaysFastOnATableFedTenThousandPeers() {
        Random random = new Random(99);
        KadId local = KadId.random(random);
        long insertStart = System.nanoTime();
        RoutingTable table = randomTable(random, local, RoutingTableConfig.K, 10_000);
        long insertNanos = System.nanoTime() - insertStart;
        KadId[] targets = new KadId[1024];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = KadId.random(random);
        }
        for (int i = 0; i < 20_000; i++) {
            table.closest(targets[i % targets.length], 20);
        }
        int calls = 100_000;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += table.closest(targets[i % targets.length], 20).size();
        }
        long nanos = System.nanoTime() - start;
        System.out.printf("routing table: %d peers kept of 10000 inserted in %d ms; %d closest(target, 20) calls in %d ms"
                + " (%.1f us per call)%n", table.size(), insertNanos / 1_000_000, calls, nanos / 1_000_000,
                nanos / 1000.0 / calls);
        assertThat(sink).isEqualTo(20L * calls);
        assertThat(nanos / 1_000_000).isLessThan(20_000);
    }
}
