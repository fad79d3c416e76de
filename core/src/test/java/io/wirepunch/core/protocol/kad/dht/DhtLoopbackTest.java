package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twenty nodes over loopback TCP in one JVM, joined through node 0, find each other. */
class DhtLoopbackTest {
    private static final int NODES = 20;

    private final LoopbackDhts net = new LoopbackDhts();
    private final List<Node> nodes = net.nodes;
    private final List<Dht> dhts = net.dhts;

    @AfterEach
    void stop() throws Exception {
        net.close();
    }

    private Dht startNode() throws Exception {
        return net.start(Dht.Mode.SERVER);
    }

    @Test
    void everyNodeFindsRandomPeersAfterBootstrappingFromNodeZero() throws Exception {
        startNode();
        List<Multiaddr> bootstrap = net.addrsOf(0);
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
        List<Multiaddr> addrs = net.addrsOf(0);
        server.setMode(Dht.Mode.CLIENT);
        assertThat(asker.bootstrap(addrs).toCompletableFuture().handle((r, e) -> e != null).get(30, TimeUnit.SECONDS))
                .isTrue();
        server.setMode(Dht.Mode.SERVER);
        assertThat(asker.bootstrap(addrs).toCompletableFuture().get(30, TimeUnit.SECONDS).deadlineReached()).isFalse();
        assertThat(asker.table().find(nodes.get(0).host().peerId())).isPresent();
    }
}
