package io.wirepunch.core.bench;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.perf.PerfResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Two nodes in this JVM over loopback: perf streams through Noise and Yamux, and handshakes. */
final class NodeThroughput implements AutoCloseable {
    private final Node server;
    private final Node client;
    private final Multiaddr target;

    NodeThroughput() throws Exception {
        server = new Node(HostConfig.of(Keys.generateEd25519(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))), true);
        client = new Node(HostConfig.of(Keys.generateEd25519(), List.of()), false);
        server.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        target = server.host().listenAddrs().get(0).withPeerId(server.host().peerId());
    }

    /** {@code streams} perf streams at once on one connection; each uploads and downloads {@code bytesEach}. */
    Rates streams(int streams, long bytesEach) throws Exception {
        Connection c = client.host().connect(target).toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<CompletableFuture<PerfResult>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            runs.add(client.perf().measure(c, bytesEach, bytesEach).toCompletableFuture());
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        if (streams == 1) {
            PerfResult r = runs.get(0).join();
            return new Rates(r.uploadMBps(), r.downloadMBps());
        }
        // Parallel streams overlap their phases: report the aggregate over the whole run, each way.
        double total = streams * (double) bytesEach / 1e6;
        return new Rates(total / wall, total / wall);
    }

    /** Connects, waits for the upgrade, closes; as many times as fit in {@code seconds}. */
    double handshakesPerSecond(double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int done = 0;
        while (System.nanoTime() < deadline) {
            Connection c = client.host().connect(target).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            done++;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    record Rates(double uploadMBps, double downloadMBps) {
        double mean() {
            return (uploadMBps + downloadMBps) / 2;
        }
    }

    @Override
    public void close() throws Exception {
        client.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
