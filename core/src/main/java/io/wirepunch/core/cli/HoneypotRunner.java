package io.wirepunch.core.cli;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.measure.honeypot.Honeypot;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a honeypot over a store, for {@code measure honeypot} and for {@code measure server
 * --honeypot-listen}, which shares the embedded store (one process may open it) with the server.
 */
final class HoneypotRunner {
    /** Joining the DHT continues in the background; this bounds binding the sockets. */
    private static final long START_SECONDS = 30;

    private HoneypotRunner() {
    }

    /** A started honeypot with {@code keyFile}'s key (or a new one), listening on {@code listen}. */
    static Honeypot start(Path keyFile, List<String> listen, DhtNetworkOptions dht, MeasurementStore store)
            throws Exception {
        PrivateKey key = CliSupport.loadOrGenerateKey(keyFile);
        List<Multiaddr> addrs = (listen.isEmpty() ? List.of(CliSupport.DEFAULT_LISTEN) : listen).stream()
                .map(CliSupport::parseMultiaddr).toList();
        Honeypot honeypot = Honeypot.create(HostConfig.of(key, addrs), dht.settings(Dht.Mode.SERVER), store);
        try {
            honeypot.start().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            honeypot.close();
            throw e;
        }
        return honeypot;
    }

    /** One {@code <prefix>listen <multiaddr>/p2p/<peer id>} line per address. */
    static void printListen(Honeypot honeypot, String prefix) {
        for (Multiaddr a : honeypot.node().host().listenAddrs()) {
            System.out.println(prefix + "listen " + a.withPeerId(honeypot.node().host().peerId()));
        }
        System.out.flush();
    }
}
