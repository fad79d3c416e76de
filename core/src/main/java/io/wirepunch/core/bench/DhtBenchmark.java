package io.wirepunch.core.bench;

import static io.wirepunch.core.bench.JsonLine.round;

import io.wirepunch.core.protocol.kad.sim.LookupStats;
import io.wirepunch.core.protocol.kad.sim.RandomLookups;
import io.wirepunch.core.protocol.kad.sim.SimNetwork;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DHT at scale, in memory: a {@link SimNetwork} of N nodes, each with the real routing table,
 * request handler and lookup, that join one after another; then random find-peer lookups, one at a
 * time. Every message is encoded and decoded as on a socket. One seed gives the same network and
 * the same lookups, so the counts (hops, messages) repeat exactly and only the times vary. The build
 * runs on one thread: its CPU time is the work on one core, whatever else the machine is doing;
 * the process's CPU time adds garbage collection and compilation on the other cores.
 */
public final class DhtBenchmark {
    /** Collections before reading the heap: the second one catches what the first one's finalization freed. */
    private static final int GC_ROUNDS = 2;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int nodes;
    private final int lookups;
    private final long seed;

    public DhtBenchmark(int nodes, int lookups, long seed) {
        if (nodes < 2 || nodes > SimNetwork.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be in [2, " + SimNetwork.MAX_NODES + "], got " + nodes);
        }
        if (lookups < 1) {
            throw new IllegalArgumentException("lookups must be at least 1, got " + lookups);
        }
        this.nodes = nodes;
        this.lookups = lookups;
        this.seed = seed;
    }

    public Map<String, Object> run() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("nodes", nodes);
        out.put("lookups", lookups);
        out.put("seed", seed);
        out.put("bootstrap_peers", SimNetwork.BOOTSTRAP_PEERS);

        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        long threadCpuStart = THREADS.getCurrentThreadCpuTime();
        long processCpuStart = processCpuNanos();
        SimNetwork network = SimNetwork.build(nodes, seed);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        double buildCpuSeconds = (THREADS.getCurrentThreadCpuTime() - threadCpuStart) / 1e9;
        double buildProcessCpuSeconds = (processCpuNanos() - processCpuStart) / 1e9;
        long heapBuilt = usedHeapAfterGc();
        long joinMessages = network.messages();

        start = System.nanoTime();
        LookupStats stats = RandomLookups.findPeers(network, lookups, new SplittableRandom(seed).split());
        double lookupSeconds = (System.nanoTime() - start) / 1e9;
        Reference.reachabilityFence(network);

        out.put("success_rate", stats.successRate());
        out.put("lookups_per_second", round(lookups / lookupSeconds));
        if (stats.found() > 0) {
            out.put("hops_median", stats.hops(0.5));
            out.put("hops_p99", stats.hops(0.99));
        }
        out.put("messages_per_lookup_mean", round(stats.messagesMean()));
        out.put("messages_per_lookup_p99", stats.messages(0.99));
        out.put("messages_per_join", round(joinMessages / (double) nodes));
        out.put("build_seconds", round(buildSeconds));
        out.put("build_thread_cpu_seconds", round(buildCpuSeconds));
        out.put("build_process_cpu_seconds", round(buildProcessCpuSeconds));
        out.put("memory_per_node_bytes", Math.max(0, heapBuilt - heapBefore) / nodes);
        return out;
    }

    /** CPU time of the whole JVM (garbage collection and compilation included); -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
