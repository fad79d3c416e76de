package io.wirepunch.core.cli;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** Runs a headless node until SIGTERM or SIGINT. */
@Command(name = "node", description = "Run a headless node; prints one 'listen <multiaddr>/p2p/<peer id>' line per address.")
public final class NodeCommand implements Callable<Integer> {
    @Option(names = "--key", paramLabel = "FILE", description = "Key file (default: a new key for this run).")
    Path keyFile;

    @Option(names = "--listen", paramLabel = "MULTIADDR", description = "Address to listen on, repeatable (default: /ip4/0.0.0.0/tcp/0).")
    List<String> listen = List.of();

    @Option(names = "--no-perf", description = "Do not serve the perf protocol.")
    boolean noPerf;

    @Override
    public Integer call() throws Exception {
        PrivateKey key = CliSupport.loadOrGenerateKey(keyFile);
        List<Multiaddr> addrs = (listen.isEmpty() ? List.of("/ip4/0.0.0.0/tcp/0") : listen).stream()
                .map(CliSupport::parseMultiaddr).toList();
        Node node = new Node(HostConfig.of(key, addrs), !noPerf);
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        node.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        for (Multiaddr a : node.host().listenAddrs()) {
            System.out.println("listen " + a.withPeerId(node.host().peerId()));
        }
        System.out.flush();
        stop.await();
        node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return 0;
    }
}
