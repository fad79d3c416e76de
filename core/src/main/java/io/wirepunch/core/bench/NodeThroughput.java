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

    /**
     * {@code streams} perf streams at once on one connection, each way in its own phase: first all
     * upload {@code bytesEach} (asking for nothing back), then all download {@code bytesEach}. Each
     * rate is the bytes of that phase over its wall time, so one stream and many compare directly.
     */
    Rates streams(int streams, long bytesEach) throws Exception {
        Connection c = client.host().connect(target).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return rates(client, c, streams, bytesEach);
    }

    /** {@link #streams}'s two phases on a given connection of {@code client}'s, to a peer serving perf. */
    static Rates rates(Node client, Connection c, int streams, long bytesEach) throws Exception {
        double up = phase(client, c, streams, bytesEach, 0);
        double down = phase(client, c, streams, 0, bytesEach);
        return new Rates(up, down);
    }

    private static double phase(Node client, Connection c, int streams, long upload, long download) throws Exception {
        List<CompletableFuture<PerfResult>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            runs.add(client.perf().measure(c, upload, download).toCompletableFuture());
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return streams * (double) (upload + download) / seconds / 1e6;
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
