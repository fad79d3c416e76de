package io.wirepunch.core.measure.honeypot;

import static io.wirepunch.core.measure.LoopbackNet.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.measure.InMemoryStore;
import io.wirepunch.core.measure.LoopbackNet;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import io.wirepunch.core.testutil.TestPeerIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who counts as a candidate, and a honeypot on loopback recording the DHT clients that connect to it. */
class HoneypotTest {
    private static final String DCUTR = DcutrProtocol.ID;
    private static final Multiaddr CIRCUIT = Multiaddr.parse(
            "/ip4/198.51.100.7/tcp/4001/p2p/" + TestPeerIds.peer(9) + "/p2p-circuit");
    private static final Multiaddr PRIVATE = Multiaddr.parse("/ip4/192.168.1.20/tcp/4001");
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    private static final Multiaddr PUBLIC = Multiaddr.parse("/ip4/8.8.8.8/tcp/4001");
    private static final Multiaddr PUBLIC_QUIC = Multiaddr.parse("/ip6/2a00:1450::1/udp/4001/quic-v1");
    private static final Multiaddr DNS = Multiaddr.parse("/dns4/peer.example.org/tcp/4001");
    private static final RoutingTableConfig TABLE =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    @TempDir
    Path dataDir;
    private final LoopbackNet net = new LoopbackNet();
    private Honeypot honeypot;

    @AfterEach
    void stop() throws Exception {
        if (honeypot != null) {
            honeypot.close();
        }
        net.close();
    }

    @Test
    void aCandidateSpeaksDcutrAndIsReachableOnlyThroughARelay() {
        assertThat(Honeypot.isCandidate(List.of(DCUTR, "/ipfs/id/1.0.0"), List.of(CIRCUIT))).isTrue();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(PRIVATE, LOOPBACK, CIRCUIT))).isTrue();

        assertThat(Honeypot.isCandidate(List.of("/ipfs/id/1.0.0"), List.of(CIRCUIT))).isFalse();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(PRIVATE))).isFalse();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of())).isFalse();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(CIRCUIT, PUBLIC))).isFalse();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(CIRCUIT, PUBLIC_QUIC))).isFalse();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(CIRCUIT, DNS))).isFalse();
    }

    @Test
    void aTestbedsRangesCountAsPublic() {
        PublicRanges loopback = LoopbackNet.LOOPBACK_PUBLIC;
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(LOOPBACK, CIRCUIT))).isTrue();
        assertThat(Honeypot.isCandidate(List.of(DCUTR), List.of(LOOPBACK, CIRCUIT), loopback)).isFalse();
    }

    private static DhtSettings dht(Dht.Mode mode, List<Multiaddr> bootstrap) {
        return new DhtSettings(new DhtConfig(KadProtocol.PRIVATE_ID, TABLE, WorkRequirement.NONE, bootstrap, Optional.empty()),
                mode);
    }

    @Test
    void theHoneypotRecordsTheDhtClientsThatConnectToItButNotThePeersItDials() throws Exception {
        InMemoryStore store = new InMemoryStore();
        honeypot = Honeypot.create(HostConfig.of(Keys.generateEd25519(), List.of(LoopbackNet.LOOPBACK)),
                dht(Dht.Mode.SERVER, List.of()), store);
        LoopbackNet.get(honeypot.start());
        Multiaddr honeypotAddr = LoopbackNet.addr(honeypot.node());
        Node relay = net.relay(dataDir);

        // A peer "behind NAT": reserved on the relay, in the DHT as a client, bootstrapping from the honeypot.
        Node natted = net.reserved(relay, NodeOptions.defaults()
                .withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withDht(dht(Dht.Mode.CLIENT, List.of(honeypotAddr))));
        // Its DHT join may have reached the honeypot before the reservation gave it a relay address; it
        // comes back, as DHT clients do, now that it has one, on an inbound connection of its own.
        for (var c : natted.host().connections().connections(honeypot.node().host().peerId())) {
            LoopbackNet.get(c.close());
        }
        LoopbackNet.get(natted.host().connect(honeypotAddr));

        await().atMost(SETTLE).until(() -> store.sightings.stream().anyMatch(s -> s.peer().equals(natted.host().peerId())
                && Honeypot.isCandidate(s.protocols(), s.addrs())));
        InMemoryStore.Sighting seen = store.sightings.stream().filter(s -> s.peer().equals(natted.host().peerId()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(seen.agentVersion()).isNotBlank();
        assertThat(seen.protocols()).contains(DCUTR);
        assertThat(seen.addrs()).anyMatch(Multiaddr::isCircuit);
        assertThat(store.candidate(List.of(TestPeerIds.peer(1)), Instant.now()))
                .hasValueSatisfying(c -> assertThat(c.peer()).isEqualTo(natted.host().peerId()));

        // Peers the honeypot dials itself are not recorded (this one never dials back: it serves no AutoNAT).
        Node dialled = net.start(NodeOptions.defaults().withAutoRelay(io.wirepunch.core.protocol.relay.AutoRelay.Mode.OFF)
                .withAutonat(AutoNatConfig.defaults().withServe(false)));
        LoopbackNet.get(honeypot.node().host().connect(LoopbackNet.addr(dialled)));
        await().atMost(SETTLE).until(() -> honeypot.node().host().peerstore().agentVersion(dialled.host().peerId()).isPresent());
        Thread.sleep(500);
        assertThat(store.sightings).noneMatch(s -> s.peer().equals(dialled.host().peerId()));
        assertThat(honeypot.recorder().recorded()).isEqualTo(store.sightings.size());
    }

    @Test
    void aHoneypotNeedsADhtServer() {
        assertThatThrownBy(() -> Honeypot.nodeOptions(dht(Dht.Mode.CLIENT, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        Node noDht = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LoopbackNet.LOOPBACK)), NodeOptions.defaults());
        assertThatThrownBy(() -> new Honeypot(noDht, new InMemoryStore(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
