package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.testutil.InMemoryDns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** DHT nodes on loopback TCP in one JVM, stopped together; every test in this package that needs sockets uses it. */
final class LoopbackDhts implements AutoCloseable {
    static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    // Every node shares 127.0.0.0/24, so the per-network diversity limit would keep all but two out.
    static final RoutingTableConfig CONFIG =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    /** Every node's names resolve here and only here: no test in this package reaches a real DNS server. */
    final InMemoryDns dns = new InMemoryDns();
    final List<Node> nodes = new ArrayList<>();
    final List<Dht> dhts = new ArrayList<>();

    Dht start(Dht.Mode mode) throws Exception {
        return start(Keys.generateEd25519(), mode);
    }

    Dht start(PrivateKey identity, Dht.Mode mode) throws Exception {
        Node node = startNode(identity);
        Dht dht = new Dht(node.host(), new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT), CONFIG,
                Clock.systemUTC());
        dht.setMode(mode);
        dhts.add(dht);
        return dht;
    }

    /** A node whose DHT is built from {@code config} (loopback table limits are the caller's to set). */
    Dht start(DhtConfig config, Dht.Mode mode) throws Exception {
        Node node = startNode(Keys.generateEd25519());
        Dht dht = new Dht(node.host(), config, Clock.systemUTC());
        dht.setMode(mode);
        dhts.add(dht);
        return dht;
    }

    Node startNode(PrivateKey identity) throws Exception {
        Node node = new Node(HostConfig.of(identity, List.of(LOOPBACK)).withResolver(dns.resolver()), false);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(node);
        return node;
    }

    Node node(int i) {
        return nodes.get(i);
    }

    /** Node {@code i}'s listen addresses ending in its /p2p id: what a bootstrap list holds. */
    List<Multiaddr> addrsOf(int i) {
        Node node = nodes.get(i);
        return node.host().listenAddrs().stream().map(a -> a.encapsulate("/p2p/" + node.host().peerId())).toList();
    }

    /** Starts {@code count} server-mode nodes, each bootstrapped through the first. */
    void startServers(int count) throws Exception {
        start(Dht.Mode.SERVER);
        List<Multiaddr> first = addrsOf(0);
        for (int i = 1; i < count; i++) {
            start(Dht.Mode.SERVER).bootstrap(first).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        dhts.forEach(Dht::stop);
        // All at once: each stop waits out its event loops' quiet period, which would add up node by node.
        CompletableFuture.allOf(nodes.stream().map(node -> node.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
}
