package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twenty nodes over loopback TCP in one JVM, joined through node 0, find each other. */
class DhtLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final int NODES = 20;
    // Every node shares 127.0.0.0/24, so the per-network diversity limit would keep all but two out.
    private static final RoutingTableConfig CONFIG =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    private final List<Node> nodes = new ArrayList<>();
    private final List<Dht> dhts = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        dhts.forEach(Dht::stop);
        for (Node node : nodes) {
            node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Dht startNode() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), false);
        node.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(node);
        Dht dht = new Dht(node.host(), new KadClient(KadProtocol.PRIVATE_ID, KadProtocol.REQUEST_TIMEOUT), CONFIG,
                Clock.systemUTC());
        dht.setMode(Dht.Mode.SERVER);
        dhts.add(dht);
        return dht;
    }

    @Test
    void everyNodeFindsRandomPeersAfterBootstrappingFromNodeZero() throws Exception {
        startNode();
        List<Multiaddr> bootstrap = nodes.get(0).host().listenAddrs().stream()
                .map(a -> a.encapsulate("/p2p/" + nodes.get(0).host().peerId())).toList();
        for (int i = 1; i < NODES; i++) {
            LookupResult joined = startNode().bootstrap(bootstrap).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(joined.deadlineReached()).isFalse();
        }
        // Node 0 admits joiners when identify shows them speaking kad and they answer its PING.
        await().atMost(Duration.ofSeconds(20)).until(() -> dhts.get(0).table().size() == NODES - 1);

        Random random = new Random(1);
        for (int i = 0; i < 40; i++) {
            int from = random.nextInt(NODES);
            int to = (from + 1 + random.nextInt(NODES - 1)) % NODES;
            PeerId target = nodes.get(to).host().peerId();
            LookupResult result = dhts.get(from).findPeer(target).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(result.target()).as("lookup %d from node %d for node %d", i, from, to).isPresent();
            assertThat(result.target().get().addrs()).isNotEmpty();
        }
    }

    @Test
    void clientModeStopsAnsweringAndServerModeResumes() throws Exception {
        Dht server = startNode();
        Dht asker = startNode();
        List<Multiaddr> addrs = nodes.get(0).host().listenAddrs().stream()
                .map(a -> a.encapsulate("/p2p/" + nodes.get(0).host().peerId())).toList();
        server.setMode(Dht.Mode.CLIENT);
        assertThat(asker.bootstrap(addrs).toCompletableFuture().handle((r, e) -> e != null).get(30, TimeUnit.SECONDS))
                .isTrue();
        server.setMode(Dht.Mode.SERVER);
        assertThat(asker.bootstrap(addrs).toCompletableFuture().get(30, TimeUnit.SECONDS).deadlineReached()).isFalse();
        assertThat(asker.table().find(nodes.get(0).host().peerId())).isPresent();
    }
}
