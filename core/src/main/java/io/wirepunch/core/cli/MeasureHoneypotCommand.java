package io.wirepunch.core.cli;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.measure.honeypot.Honeypot;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** A DHT server node that records the peers that come to it as hole-punch candidates. */
@Command(name = "honeypot", mixinStandardHelpOptions = true, description = {
    "Run a DHT server node that records every inbound peer identify describes (agent, protocols, listen"
            + " addresses) in the measurement store; peers that speak /libp2p/dcutr and listen on relay addresses"
            + " are what 'measure server' hands out.",
    "Prints one 'listen <multiaddr>/p2p/<peer id>' line per address, then runs until SIGTERM or SIGINT."})
final class MeasureHoneypotCommand implements Callable<Integer> {
    @Mixin
    MeasureCommand.StoreOptions store;

    @Mixin
    DhtNetworkOptions dht;

    @Option(names = "--key", paramLabel = "FILE", description = "Key file (default: a new key for this run).")
    Path keyFile;

    @Option(names = "--listen", paramLabel = "MULTIADDR",
            description = "Address to listen on, repeatable (default: " + CliSupport.DEFAULT_LISTEN + ").")
    List<String> listen = List.of();

    @Override
    public Integer call() throws Exception {
        PrivateKey key = CliSupport.loadOrGenerateKey(keyFile);
        List<Multiaddr> addrs = (listen.isEmpty() ? List.of(CliSupport.DEFAULT_LISTEN) : listen).stream()
                .map(CliSupport::parseMultiaddr).toList();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try (MeasurementStore measurements = store.open();
             Honeypot honeypot = Honeypot.create(HostConfig.of(key, addrs), dht.settings(Dht.Mode.SERVER), measurements)) {
            honeypot.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (Multiaddr a : honeypot.node().host().listenAddrs()) {
                System.out.println("listen " + a.withPeerId(honeypot.node().host().peerId()));
            }
            System.out.flush();
            stop.await();
        }
        return 0;
    }
}
