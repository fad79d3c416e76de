package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.sim.LookupStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3's proof over sockets: a hundred nodes (each a {@link Node} with its own host, TCP transport and
 * DHT in server mode) on 127.0.0.1 in one JVM join through a few bootstrap nodes, then find random
 * peers, every one with its addresses.
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

    @AfterEach
    void stop() throws Exception {
        net.close();
    }

    @Test
    void aHundredNodesOnLoopbackFindEveryPeerTheyLookFor() throws Exception {
        long start = System.nanoTime();
        net.start(Dht.Mode.SERVER);
        List<Multiaddr> bootstrap = net.addrsOf(0);
        for (int i = 1; i < BOOTSTRAP_NODES; i++) {
            net.start(Dht.Mode.SERVER).bootstrap(bootstrap).toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
        }
        List<Multiaddr> bootstrapList = java.util.stream.IntStream.range(0, BOOTSTRAP_NODES)
                .mapToObj(net::addrsOf).flatMap(List::stream).toList();
        for (int wave = BOOTSTRAP_NODES; wave < NODES; wave += JOINING_AT_ONCE) {
            List<CompletableFuture<LookupResult>> joins = new ArrayList<>();
            for (int i = wave; i < Math.min(wave + JOINING_AT_ONCE, NODES); i++) {
                joins.add(net.start(Dht.Mode.SERVER).bootstrap(bootstrapList).toCompletableFuture());
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

        System.out.printf("loopback DHT: %d nodes joined in %.1f s (%d threads); %s (queries); lookups took %.1f s%n",
                NODES, joinSeconds, threads, stats, lookupSeconds);
        assertThat(stats.hops(0.5)).isLessThanOrEqualTo(MAX_MEDIAN_HOPS);
    }
}
