package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.sim.LookupStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3's proof over sockets: a hundred nodes (each a {@link Node} with its own host, TCP transport and
 * DHT in server mode) on 127.0.0.1 in one JVM join through a few bootstrap nodes, then find random
 * peers, every one with its addresses. Each host runs its own event loops (an accept thread and up to
 * twice as many I/O threads as cores) and an AutoNAT thread, so the JVM holds about six hundred threads.
 */
@Timeout(180)
class DhtHundredNodesTest {
    private static final int NODES = 100;
    private static final int BOOTSTRAP_NODES = 3;
    private static final int LOOKUPS = 500;
    /** Joins overlap as they would in a real network; one at a time, round trips rather than work set the pace. */
    private static final int JOINING_AT_ONCE = 8;
    private static final int MAX_MEDIAN_HOPS = 3;
    private static final long JOIN_SECONDS = 30;
    private static final long LOOKUP_SECONDS = 30;

    private final LoopbackDhts net = new LoopbackDhts();
    private ResourceLeakDetector.Level leakDetection;

    /**
     * PARANOID records a stack trace at every touch of every buffer, which for a hundred nodes' handshakes
     * was a third of this test's CPU. The same code paths run at PARANOID in DhtLoopbackTest and
     * KadLoopbackTest; SIMPLE still samples buffers for leaks here.
     */
    @BeforeEach
    void sampleForLeaks() {
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            net.close();
        } finally {
            ResourceLeakDetector.setLevel(leakDetection);
        }
    }

    /** Handshakes (X25519, Ed25519) take most of it, so the CPU time says more than the wall time on a busy machine. */
    private static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : -1;
    }

    @Test
    void aHundredNodesOnLoopbackFindEveryPeerTheyLookFor() throws Exception {
        double cpuAtStart = processCpuSeconds();
        long start = System.nanoTime();
        net.start(Dht.Mode.SERVER);
        List<Multiaddr> bootstrap = net.addrsOf(0);
        for (int i = 1; i < BOOTSTRAP_NODES; i++) {
            net.start(Dht.Mode.SERVER).bootstrap(bootstrap).toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
        }
        for (int wave = BOOTSTRAP_NODES; wave < NODES; wave += JOINING_AT_ONCE) {
            List<CompletableFuture<LookupResult>> joins = new ArrayList<>();
            for (int i = wave; i < Math.min(wave + JOINING_AT_ONCE, NODES); i++) {
                // Each newcomer is given one of the bootstrap nodes, in turn; its lookup finds the rest.
                List<Multiaddr> through = net.addrsOf(i % BOOTSTRAP_NODES);
                joins.add(net.start(Dht.Mode.SERVER).bootstrap(through).toCompletableFuture());
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(JOIN_SECONDS, TimeUnit.SECONDS);
            assertThat(joins).allSatisfy(join -> assertThat(join.join().deadlineReached()).isFalse());
        }
        double joinSeconds = (System.nanoTime() - start) / 1e9;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();

        Random random = new Random(NODES);
        LookupStats stats = new LookupStats();
        start = System.nanoTime();
        for (int i = 0; i < LOOKUPS; i++) {
            int from = random.nextInt(NODES);
            int to = (from + 1 + random.nextInt(NODES - 1)) % NODES;
            Node target = net.node(to);
            LookupResult result = net.dhts.get(from).findPeer(target.host().peerId()).toCompletableFuture()
                    .get(LOOKUP_SECONDS, TimeUnit.SECONDS);
            List<Multiaddr> addrs = result.target().map(KadPeer::addrs).orElse(List.of());
            assertThat(addrs).as("lookup %d from node %d for node %d", i, from, to)
                    .containsAnyElementsOf(target.host().listenAddrs());
            stats.add(true, result.hops(), result.queries());
        }
        double lookupSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "loopback DHT: %d nodes joined in %.1f s (%d threads); %d/%d lookups found their"
                + " peer, hops median %d p99 %d, queries per lookup mean %.1f p99 %d; lookups took %.1f s; %.1f s of CPU%n",
                NODES, joinSeconds, threads, stats.found(), stats.lookups(), stats.hops(0.5), stats.hops(0.99),
                stats.messagesMean(), stats.messages(0.99), lookupSeconds, processCpuSeconds() - cpuAtStart);
        assertThat(stats.hops(0.5)).isLessThanOrEqualTo(MAX_MEDIAN_HOPS);
    }
}
