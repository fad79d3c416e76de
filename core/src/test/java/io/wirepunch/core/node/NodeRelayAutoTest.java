package io.wirepunch.core.node;

import static io.wirepunch.core.node.LoopbackNodes.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Multihash;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node connected only to a DHT finds a relay through the relay key and reserves on it. */
class NodeRelayAutoTest {
    private static final RoutingTableConfig TABLE =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);
    private final LoopbackNodes net = new LoopbackNodes();
    @TempDir
    Path dataDir;

    @AfterEach
    void stopAll() throws Exception {
        net.close();
    }

    private static DhtSettings dht(Dht.Mode mode, List<Multiaddr> bootstrap) {
        return new DhtSettings(new DhtConfig(KadProtocol.PRIVATE_ID, TABLE, WorkRequirement.NONE, bootstrap, Optional.empty()),
                mode);
    }

    private Node start(NodeOptions options) throws Exception {
        Node node = net.start(options);
        return node;
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    @Test
    void theRelayKeyIsTheSha256MultihashOfTheNamespace() {
        assertThat(RelayDiscovery.RELAY_KEY).isEqualTo(
                Multihash.sha256("/wirepunch/relay/v1".getBytes(StandardCharsets.UTF_8)).toBytes());
        assertThat(NodeOptions.defaults().autoRelay()).isEqualTo(AutoRelay.Mode.AUTO);
    }

    @Test
    void aNodeConnectedOnlyToTheDhtFindsARelayThroughItAndReserves() throws Exception {
        Node d = start(NodeOptions.defaults().withDht(dht(Dht.Mode.SERVER, List.of())).withAutoRelay(AutoRelay.Mode.OFF));
        Node r = start(NodeOptions.defaults().withDht(dht(Dht.Mode.SERVER, List.of(addr(d))))
                .withRelayService(new RelayServiceSettings(RelayConfigFile.DEFAULTS, dataDir)));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                !get(d.dht().orElseThrow().findProviders(RelayDiscovery.RELAY_KEY.clone(), 1)).isEmpty());

        Node a = start(NodeOptions.defaults().withDht(dht(Dht.Mode.CLIENT, List.of(addr(d))))
                .withAutoRelay(AutoRelay.Mode.ALWAYS));
        await().atMost(Duration.ofSeconds(15)).until(() -> a.autoRelay().relays().contains(r.host().peerId()));
        assertThat(a.relayClient().reservation(r.host().peerId())).isPresent();
        assertThat(a.autoRelay().relays()).doesNotContain(d.host().peerId());
    }
}
