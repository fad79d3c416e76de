package io.wirepunch.core.cli;

import io.wirepunch.core.measure.honeypot.Honeypot;
import io.wirepunch.core.measure.store.MeasurementStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), sig -> stop.countDown());
        Signal.handle(new Signal("INT"), sig -> stop.countDown());
        try (MeasurementStore measurements = store.open();
             Honeypot honeypot = HoneypotRunner.start(keyFile, listen, dht, measurements)) {
            HoneypotRunner.printListen(honeypot, "");
            stop.await();
        }
        return 0;
    }
}
