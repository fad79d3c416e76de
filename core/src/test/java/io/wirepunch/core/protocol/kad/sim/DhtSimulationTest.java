package io.wirepunch.core.protocol.kad.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's proof in memory: ten thousand nodes, each with the real routing table and request handler,
 * join one after another through a few existing nodes, then find random peers in few hops.
 */
class DhtSimulationTest {
    private static final int NODES = 10_000;
    private static final int LOOKUPS = 1_000;
    private static final long SEED = 3;
    private static final double MIN_SUCCESS_RATE = 0.999;
    private static final int MAX_MEDIAN_HOPS = 3;
    // A lookup converges in about log2(nodes / k) rounds at worst: 9 here. The seed fixes the network,
    // so these bounds catch a change that makes lookups longer, not chance.
    private static final int MAX_P99_HOPS = 6;
    /** Messages include the PINGs a lookup sets off: peers it asks that do not know it yet check it answers. */
    private static final double MAX_MEAN_MESSAGES = 20;
    private static final long MAX_P99_MESSAGES = 40;

    @Test
    void tenThousandNodesFindRandomPeersInFewHops() {
        long start = System.nanoTime();
        SimNetwork network = SimNetwork.build(NODES, SEED);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long buildMessages = network.messages();
        start = System.nanoTime();
        LookupStats stats = RandomLookups.findPeers(network, LOOKUPS, new SplittableRandom(SEED));
        double lookupSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("simulated DHT: %d nodes joined in %.1f s (%.1f messages per join); %s; lookups took %.1f s%n",
                NODES, buildSeconds, buildMessages / (double) NODES, stats, lookupSeconds);
        assertThat(stats.successRate()).isGreaterThanOrEqualTo(MIN_SUCCESS_RATE);
        assertThat(stats.hops(0.5)).isLessThanOrEqualTo(MAX_MEDIAN_HOPS);
        assertThat(stats.hops(0.99)).isLessThanOrEqualTo(MAX_P99_HOPS);
        assertThat(stats.messagesMean()).isLessThanOrEqualTo(MAX_MEAN_MESSAGES);
        assertThat(stats.messages(0.99)).isLessThanOrEqualTo(MAX_P99_MESSAGES);
    }
}
