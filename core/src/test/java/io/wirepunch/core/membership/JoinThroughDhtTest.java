package io.wirepunch.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.invite.NetworkParams;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invitation whose address hints all fail: the joiner finds the inviter through the DHT when it
 * runs one, and says in one sentence that it could not reach it when it does not.
 */
class JoinThroughDhtTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    /** A hint nobody answers at: the port is closed. */
    private static final Multiaddr DEAD_HINT = Multiaddr.parse("/ip4/127.0.0.1/tcp/1");
    private static final RoutingTableConfig TABLE =
            RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK);

    @TempDir
    Path tmp;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Networks> networks = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        networks.forEach(Networks::stop);
        for (Node n : nodes) {
            n.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Node node(NodeOptions options) throws Exception {
        Node n = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)),
                options.withAutoRelay(AutoRelay.Mode.OFF).withPerf(false));
        n.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodes.add(n);
        return n;
    }

    private static NodeOptions dht(Dht.Mode mode, List<Multiaddr> bootstrap) {
        return NodeOptions.defaults().withDht(Optional.of(new DhtSettings(
                new DhtConfig(KadProtocol.PRIVATE_ID, TABLE, WorkRequirement.NONE, bootstrap, Optional.empty()), mode)));
    }

    private Networks networks(Node n, String name) throws Exception {
        Networks nets = new Networks(n, new NetworkDirectory(tmp.resolve(name)),
                InviteStore.open(tmp.resolve(name + "-invitations"), Clock.systemUTC()), Clock.systemUTC());
        nets.start();
        networks.add(nets);
        return nets;
    }

    private static Multiaddr addr(Node n) {
        return n.host().listenAddrs().get(0).withPeerId(n.host().peerId());
    }

    @Test
    void whenNoHintAnswersTheDhtFindsTheInviter() throws Exception {
        Node boot = node(dht(Dht.Mode.SERVER, List.of()));
        Node inviter = node(dht(Dht.Mode.SERVER, List.of(addr(boot))));
        Node joiner = node(dht(Dht.Mode.CLIENT, List.of(addr(boot))));
        await().atMost(Duration.ofSeconds(15)).until(() -> inviter.dht().orElseThrow().table().size() > 0
                && joiner.dht().orElseThrow().table().size() > 0);
        Networks atInviter = networks(inviter, "inviter");
        Networks atJoiner = networks(joiner, "joiner");
        Invitation invitation = atInviter.invites().issue(NetworkParams.of("dht", "10.9.0.0/16"), Duration.ofHours(1),
                List.of(DEAD_HINT));
        // The DHT's own lookups may have connected the two: start from no connection.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (var c : joiner.host().connections().all()) {
                if (c.remotePeer().equals(inviter.host().peerId())) {
                    c.close().toCompletableFuture().join();
                }
            }
            return joiner.host().connections().get(inviter.host().peerId()).isEmpty();
        });

        JoinOutcome joined = atJoiner.join(Invitation.parse(invitation.encode()));
        assertThat(joined.inviter()).isEqualTo(inviter.host().peerId());
        assertThat(joined.network()).isEqualTo("dht");
        assertThat(joined.path()).isEqualTo("direct");
        await().atMost(Duration.ofSeconds(10)).until(() -> atInviter.index().isMember(joiner.host().peerId()));
    }

    @Test
    void withoutADhtADeadHintIsOneSentence() throws Exception {
        Node inviter = node(NodeOptions.defaults());
        Node joiner = node(NodeOptions.defaults());
        Networks atInviter = networks(inviter, "inviter");
        Networks atJoiner = networks(joiner, "joiner");
        Invitation invitation = atInviter.invites().issue(NetworkParams.of("dht", "10.9.0.0/16"), Duration.ofHours(1),
                List.of(DEAD_HINT));
        assertThatThrownBy(() -> atJoiner.join(Invitation.parse(invitation.encode())))
                .isInstanceOf(JoinException.class)
                .hasMessageStartingWith("could not reach the inviter: ")
                .hasMessageNotContaining("Exception");
        assertThat(atInviter.index().networks()).isEmpty();
    }
}
