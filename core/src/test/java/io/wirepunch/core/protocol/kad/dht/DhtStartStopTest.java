package io.wirepunch.core.protocol.kad.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.routing.PeerEntry;
import io.wirepunch.core.protocol.kad.routing.RoutingTableStore;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start() and stop() over loopback: background joining, DNS addresses (in-memory DNS), the saved table. */
class DhtStartStopTest {
    private final LoopbackDhts net = new LoopbackDhts();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        net.close();
    }

    private static DhtConfig config(List<Multiaddr> bootstrap) {
        return new DhtConfig(KadProtocol.PRIVATE_ID, LoopbackDhts.CONFIG, WorkRequirement.NONE, bootstrap, Optional.empty());
    }

    /** A loopback address nobody listens on: the port was bound and released. */
    private static Multiaddr closedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port + "/p2p/" + Keys.generateEd25519().publicKey().peerId());
    }

    @Test
    void theDefaultBootstrapListNamesThePublicPeers() {
        assertThat(DhtConfig.DEFAULT_BOOTSTRAP_PEERS).hasSize(5).allSatisfy(a -> assertThat(a.peerId()).isPresent());
        assertThat(DhtConfig.DEFAULT_BOOTSTRAP_PEERS).filteredOn(a -> a.components().get(0).protocol() == Protocol.DNSADDR)
                .hasSize(4);
        assertThat(DhtConfig.DEFAULT_BOOTSTRAP_PEERS).contains(
                Multiaddr.parse("/ip4/104.131.131.82/tcp/4001/p2p/QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvuJ"));
        assertThat(DhtConfig.publicDht().protocolId()).isEqualTo(KadProtocol.ID);
    }

    @Test
    void unreachableAndUnresolvableBootstrapPeersFailAndTheDhtKeepsRetrying() throws Exception {
        // The in-memory DNS knows no name: bootstrap.libp2p.io does not resolve, and no real server is asked.
        List<Multiaddr> bootstrap = new ArrayList<>(DhtConfig.DEFAULT_BOOTSTRAP_PEERS.stream()
                .filter(a -> a.components().get(0).protocol() == Protocol.DNSADDR).toList());
        bootstrap.add(closedPort());
        Dht dht = net.start(config(bootstrap), Dht.Mode.SERVER);

        assertThat(dht.start().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();

        await().atMost(Duration.ofSeconds(5)).until(() -> dht.bootstrapState().status() == BootstrapStatus.NO_PEER_REACHABLE);
        assertThat(dht.bootstrapState().nextRetry()).isPresent();
        assertThat(dht.bootstrapState().failedAttempts()).isEqualTo(1);
    }

    @Test
    void anUnknownDnsaddrNameFailsWithASentenceNamingIt() throws Exception {
        Dht dht = net.start(Dht.Mode.CLIENT);
        var failure = dht.bootstrap(List.of(DhtConfig.DEFAULT_BOOTSTRAP_PEERS.get(0))).toCompletableFuture()
                .handle((r, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(failure).hasMessageContaining("1 peer tried")
                .hasMessageContaining("1 name(s) unresolved (the name _dnsaddr.bootstrap.libp2p.io does not resolve (no such name))");
    }

    @Test
    void aDnsaddrBootstrapEntryIsResolvedThroughNestedRecordsAndJoined() throws Exception {
        Dht server = net.start(Dht.Mode.SERVER);
        PeerId id = net.node(0).host().peerId();
        PeerId other = Keys.generateEd25519().publicKey().peerId();
        int port = net.addrsOf(0).get(0).toInetSocketAddress().getPort();
        net.dns.txt("_dnsaddr.bootstrap.test",
                        "dnsaddr=/dnsaddr/ams.bootstrap.test/p2p/" + id,
                        "dnsaddr=/ip4/127.0.0.1/tcp/" + closedPort().toInetSocketAddress().getPort() + "/p2p/" + other,
                        "not a dnsaddr record")
                .txt("_dnsaddr.ams.bootstrap.test", "dnsaddr=/dns4/node.ams.bootstrap.test/tcp/" + port + "/p2p/" + id)
                .host("node.ams.bootstrap.test", "::1", "127.0.0.1");

        Dht client = net.start(config(List.of(Multiaddr.parse("/dnsaddr/bootstrap.test/p2p/" + id))), Dht.Mode.SERVER);
        client.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.bootstrapState().status() == BootstrapStatus.JOINED);
        assertThat(client.table().peers()).extracting(PeerEntry::peerId).contains(id);
        assertThat(server.table().size()).isEqualTo(1);
    }

    @Test
    void aStartedDhtJoinsThroughItsConfiguredPeerAndAfterARestartThroughTheSavedTable() throws Exception {
        net.startServers(3);
        Path file = dir.resolve("dht").resolve("table");
        Dht first = net.start(config(net.addrsOf(0)).withTableFile(file), Dht.Mode.SERVER);
        first.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> first.bootstrapState().status() == BootstrapStatus.JOINED);
        assertThat(first.table().size()).isEqualTo(3);

        first.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(new RoutingTableStore().load(file).peers()).hasSize(3);

        // No configured peer at all: only the saved table can bring it back.
        Dht second = net.start(config(List.of()).withTableFile(file), Dht.Mode.SERVER);
        second.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> second.bootstrapState().status() == BootstrapStatus.JOINED);
        assertThat(second.table().size()).isGreaterThanOrEqualTo(3);
    }
}
