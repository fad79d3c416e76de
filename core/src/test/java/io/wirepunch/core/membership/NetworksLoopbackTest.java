package io.wirepunch.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.facts.FactsConfig;
import io.wirepunch.core.facts.FactsProtocol;
import io.wirepunch.core.facts.FactsService;
import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.Member;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.PeerKey;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.peers.ShowJson;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.testutil.FakeClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Networks} on real nodes over 127.0.0.1, each with its own configuration directory: invite
 * and join end to end, the files both sides write, facts between members, reloads, keepalives and
 * what {@code show --json} says about members.
 */
class NetworksLoopbackTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Duration FACTS = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NET = Networks.DEFAULT_NETWORK;

    @TempDir
    Path tmp;

    private final List<Peer> peers = new ArrayList<>();
    private final List<Node> bareNodes = new ArrayList<>();
    private final List<FactsService> services = new ArrayList<>();
    private ScheduledExecutorService timer;

    /** One node with its networks in tmp/name. */
    private final class Peer {
        final Node node;
        final PeerId id;
        final Path dir;
        final Networks networks;

        Peer(String name, Clock inviteClock) throws Exception {
            node = startNode();
            id = node.host().peerId();
            dir = tmp.resolve(name);
            networks = new Networks(node, new NetworkDirectory(dir.resolve("networks")),
                    InviteStore.open(dir.resolve("invitations"), inviteClock), Clock.systemUTC(), FACTS, Networks.KEEPALIVE);
            peers.add(this);
            networks.start();
        }

        Path file() {
            return networks.directory().fileOf(NET);
        }

        NetworkConfig config() throws Exception {
            return NetworkConfig.read(file());
        }

        Optional<FactsService> facts() {
            return networks.facts(NET);
        }
    }

    private Peer peer(String name) throws Exception {
        return new Peer(name, Clock.systemUTC());
    }

    private static Node startNode() throws Exception {
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)),
                NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF).withPerf(false));
        get(node.start());
        return node;
    }

    static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        services.forEach(FactsService::stop);
        for (Peer p : peers) {
            p.networks.stop();
            get(p.node.stop());
        }
        for (Node n : bareNodes) {
            get(n.stop());
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A and B, B joined with A's invitation. */
    private record Joined(Peer a, Peer b, Invitation invitation, JoinOutcome outcome) {}

    private Joined joined() throws Exception {
        Peer a = peer("a");
        Peer b = peer("b");
        Invitation invitation = a.networks.invite(Optional.empty(), Duration.ofHours(1));
        JoinOutcome outcome = b.networks.join(Invitation.parse(invitation.encodeGrouped()));
        await().atMost(WAIT).until(() -> a.networks.index().isMember(b.id));
        return new Joined(a, b, invitation, outcome);
    }

    private static List<PeerId> memberIds(NetworkConfig config) {
        return config.members().stream().map(m -> m.key().peerId().orElseThrow()).toList();
    }

    @Test
    void aJoinListsEachInTheOthersFileAndBothAgreeOnTheAddresses() throws Exception {
        Joined j = joined();
        Peer a = j.a();
        Peer b = j.b();

        assertThat(j.outcome().network()).isEqualTo(NET);
        assertThat(j.outcome().inviter()).isEqualTo(a.id);
        assertThat(j.outcome().path()).isEqualTo("direct");
        assertThat(j.outcome().relay()).isEmpty();
        assertThat(j.outcome().elapsed()).isPositive();

        // The inviter created the default network and wrote the joiner into it.
        NetworkConfig aFile = a.config();
        assertThat(aFile.subnet().map(Object::toString)).contains(Networks.DEFAULT_SUBNET);
        assertThat(memberIds(aFile)).containsExactly(b.id);
        // The joiner wrote the inviter, with the endpoint it reached it at.
        NetworkConfig bFile = b.config();
        assertThat(bFile.subnet()).isEqualTo(aFile.subnet());
        assertThat(memberIds(bFile)).containsExactly(a.id);
        Multiaddr reachedAt = MemberIndex.toMultiaddr(bFile.members().get(0).endpoint().orElseThrow());
        assertThat(a.node.host().listenAddrs()).contains(reachedAt);

        MemberIndex atA = a.networks.index();
        MemberIndex atB = b.networks.index();
        MemberIndex.Self aSelf = atA.network(NET).orElseThrow();
        MemberIndex.Self bSelf = atB.network(NET).orElseThrow();
        assertThat(aSelf.ipv4()).isPresent().isEqualTo(atB.entry(NET, a.id).orElseThrow().ipv4());
        assertThat(aSelf.ipv6()).isPresent().isEqualTo(atB.entry(NET, a.id).orElseThrow().ipv6());
        assertThat(bSelf.ipv4()).isPresent().isEqualTo(atA.entry(NET, b.id).orElseThrow().ipv4());
        assertThat(bSelf.ipv6()).isPresent().isEqualTo(atA.entry(NET, b.id).orElseThrow().ipv6());
        assertThat(j.outcome().ipv4()).isEqualTo(bSelf.ipv4());
        assertThat(j.outcome().ipv6()).isEqualTo(bSelf.ipv6());
        assertThat(atA.trust(NET, b.id)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(atB.trust(NET, a.id)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(atB.configuredAddrs(a.id)).containsExactly(reachedAt);
    }

    @Test
    void aNamedNetworkIsCreatedAndWithSeveralOneMustBeNamed() throws Exception {
        Peer a = peer("a");
        Invitation first = a.networks.invite(Optional.empty(), Duration.ofHours(1));
        assertThat(first.network().name()).isEqualTo(Networks.DEFAULT_NETWORK);
        assertThat(first.network().subnet()).isEqualTo(Networks.DEFAULT_SUBNET);
        Invitation other = a.networks.invite(Optional.of("friends"), Duration.ofHours(1));
        assertThat(other.network().name()).isEqualTo("friends");
        assertThat(a.networks.index().networks().keySet()).containsExactly("friends", Networks.DEFAULT_NETWORK);
        assertThat(Files.exists(a.networks.directory().fileOf("friends"))).isTrue();
        assertThatThrownBy(() -> a.networks.invite(Optional.empty(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("several networks (friends, wirepunch)").hasMessageContaining("--network");
        assertThatThrownBy(() -> a.networks.invite(Optional.of(".hidden"), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoPeersInvitedByOneMemberLearnOfEachOtherThroughItsFactsAndConnect() throws Exception {
        Peer a = peer("a");
        Peer b = peer("b");
        Peer c = peer("c");
        b.networks.join(Invitation.parse(a.networks.invite(Optional.empty(), Duration.ofHours(1)).encode()));
        c.networks.join(Invitation.parse(a.networks.invite(Optional.empty(), Duration.ofHours(1)).encode()));
        assertThat(b.node.host().connections().get(c.id)).isEmpty();

        // A vouches for both; each learns the other's address from C's and B's own facts, passed on by A.
        await().atMost(WAIT).until(() -> b.networks.vouched().containsKey(c.id) && c.networks.vouched().containsKey(b.id)
                && !b.node.host().peerstore().addrs(c.id).isEmpty());
        assertThat(b.networks.vouched().get(c.id)).containsExactly(NET);
        b.networks.keepaliveNow();
        await().atMost(WAIT).until(() -> b.node.host().connections().get(c.id).isPresent());

        JsonNode atB = ShowJson.of(b.node, Optional.of(b.networks));
        JsonNode cAtB = null;
        for (JsonNode p : atB.path("peers")) {
            if (p.path("peerId").asText().equals(c.id.toBase58())) {
                cAtB = p;
            }
        }
        assertThat(cAtB).as("C in B's show: %s", atB).isNotNull();
        assertThat(cAtB.path("networks").toString()).isEqualTo("[\"" + NET + "\"]");
        assertThat(cAtB.path("allowedIps")).isEmpty();
        assertThat(cAtB.path("trust").asText()).isEqualTo("UNTRUSTED");
        assertThat(cAtB.path("path").asText()).isEqualTo("direct");
        // Nothing was written for C into B's file: only A, who invited B.
        assertThat(memberIds(b.config())).containsExactly(a.id);
    }

    @Test
    void theSameInvitationTwiceIsRefusedAsAlreadyUsed() throws Exception {
        Joined j = joined();
        NetworkConfig before = j.b().config();
        assertThatThrownBy(() -> j.b().networks.join(j.invitation()))
                .isInstanceOf(JoinException.class).hasMessageContaining("already used");
        Peer c = peer("c");
        assertThatThrownBy(() -> c.networks.join(j.invitation()))
                .isInstanceOf(JoinException.class).hasMessageContaining("already used");
        assertThat(memberIds(j.a().config())).containsExactly(j.b().id);
        assertThat(c.networks.index().networks()).isEmpty();
        assertThat(Files.exists(c.file())).isFalse();
        assertThat(j.b().config()).isEqualTo(before);
    }

    @Test
    void aForgedInvitationIsRefusedAndNobodyIsAdded() throws Exception {
        Peer a = peer("a");
        Peer c = peer("c");
        Invitation real = a.networks.invite(Optional.empty(), Duration.ofHours(1));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Invitation forged = Invitation.of(real.inviter(), secret, real.expiresAt(), real.network(), real.hints());

        assertThatThrownBy(() -> c.networks.join(forged)).isInstanceOf(JoinException.class)
                .hasMessageContaining("does not know that invitation");
        // The refusal is not a membership: nothing is written on either side, even a moment later.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !a.networks.index().isMember(c.id));
        assertThat(a.config().members()).isEmpty();
        assertThat(Files.exists(c.file())).isFalse();

        // The real invitation still works for the one it was meant for.
        Peer b = peer("b");
        assertThat(b.networks.join(real).path()).isEqualTo("direct");
        await().atMost(WAIT).until(() -> a.networks.index().isMember(b.id));
        assertThat(memberIds(a.config())).containsExactly(b.id);
    }

    @Test
    void anExpiredInvitationIsRefusedByTheInviterAndByTheJoiner() throws Exception {
        FakeClock inviterClock = new FakeClock();
        inviterClock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Peer a = new Peer("a", inviterClock);
        Peer b = peer("b");
        Invitation invitation = a.networks.invite(Optional.empty(), Duration.ofHours(1));
        inviterClock.advance(Duration.ofHours(1).plusSeconds(1));
        // The joiner's clock says it is still open; the inviter's says it has expired, and the inviter refuses.
        assertThat(invitation.isExpired(Clock.systemUTC())).isFalse();
        assertThatThrownBy(() -> b.networks.join(invitation)).isInstanceOf(JoinException.class)
                .hasMessage("that invitation has expired; ask the inviter for a new one");
        assertThat(a.config().members()).isEmpty();
        assertThat(Files.exists(b.file())).isFalse();

        // One the joiner's own clock sees expired is refused before the inviter is contacted.
        Peer c = peer("c");
        Invitation old = Invitation.of(a.id, new byte[32], Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS),
                invitation.network(), invitation.hints());
        assertThatThrownBy(() -> c.networks.join(old)).isInstanceOf(JoinException.class)
                .hasMessage("that invitation expired at " + old.expiresAt() + "; ask the inviter for a new one");
        assertThat(c.node.host().connections().get(a.id)).isEmpty();
    }

    @Test
    void threeNodesAgreeOnTheInvitersAddresses() throws Exception {
        Peer a = peer("a");
        Peer b = peer("b");
        Peer c = peer("c");
        b.networks.join(a.networks.invite(Optional.empty(), Duration.ofHours(1)));
        c.networks.join(a.networks.invite(Optional.empty(), Duration.ofHours(1)));
        await().atMost(WAIT).until(() -> a.networks.index().isMember(b.id) && a.networks.index().isMember(c.id));
        assertThat(memberIds(a.config())).containsExactlyInAnyOrder(b.id, c.id);
        assertThat(memberIds(c.config())).containsExactly(a.id);

        MemberIndex.Self aSelf = a.networks.index().network(NET).orElseThrow();
        for (Peer joiner : List.of(b, c)) {
            MemberIndex.Entry aThere = joiner.networks.index().entry(NET, a.id).orElseThrow();
            assertThat(aThere.ipv4()).isEqualTo(aSelf.ipv4());
            assertThat(aThere.ipv6()).isEqualTo(aSelf.ipv6());
            MemberIndex.Entry joinerAtA = a.networks.index().entry(NET, joiner.id).orElseThrow();
            assertThat(joiner.networks.index().network(NET).orElseThrow().ipv4()).isEqualTo(joinerAtA.ipv4());
        }
        // B and C know only A: they are not each other's members.
        assertThat(b.networks.index().isMember(c.id)).isFalse();
        assertThat(c.networks.index().isMember(b.id)).isFalse();
    }

    @Test
    void membersExchangeFactsAndKeepalivesMeasureTheRtt() throws Exception {
        Joined j = joined();
        Peer a = j.a();
        Peer b = j.b();
        await().atMost(WAIT).until(() -> b.facts().map(f -> {
            var known = f.knowledge(a.id);
            return !known.endpoints().isEmpty() && known.alive().isPresent();
        }).orElse(false));
        assertThat(b.facts().orElseThrow().knowledge(a.id).endpoints()).isSubsetOf(a.node.host().listenAddrs());
        assertThat(b.facts().orElseThrow().knowledge(a.id).alive().orElseThrow().bootId())
                .isEqualTo(a.facts().orElseThrow().bootId());
        await().atMost(WAIT).until(() -> a.facts().map(f -> f.knowledge(b.id).alive().isPresent()).orElse(false));

        a.networks.keepaliveNow();
        await().atMost(WAIT).until(() -> a.networks.rtt(b.id).isPresent());
        assertThat(a.networks.rtt(b.id).orElseThrow()).isPositive().isLessThan(WAIT);
        assertThat(a.networks.lastPong(b.id)).isPresent();
        assertThat(a.networks.rtt(a.id)).isEmpty();
    }

    @Test
    void keepalivesDialAMemberAtTheEndpointItsLineGives() throws Exception {
        Peer b = peer("b");
        Node nas = startNode();
        bareNodes.add(nas);
        PeerId nasId = nas.host().peerId();
        Multiaddr listen = nas.host().listenAddrs().get(0);
        int port = listen.toInetSocketAddress().getPort();
        Files.createDirectories(b.file().getParent());
        Files.writeString(b.file(), "name " + NET + "\nsubnet 10.77.0.0/16\ntrust nas " + nasId + " 127.0.0.1:" + port + "\n");
        assertThat(b.networks.reload().networks()).containsExactly(NET);
        assertThat(b.node.host().connections().get(nasId)).isEmpty();

        b.networks.keepaliveNow();
        await().atMost(WAIT).until(() -> b.node.host().connections().get(nasId).isPresent());
        Connection dialled = b.node.host().connections().get(nasId).orElseThrow();
        assertThat(dialled.remoteAddr().toInetSocketAddress()).isEqualTo(listen.toInetSocketAddress());
        assertThat(dialled.direction()).isEqualTo(io.wirepunch.core.host.Direction.OUTBOUND);
        assertThat(b.node.host().peerstore().addrs(nasId)).contains(listen);

        // Connected now: the next round pings instead, and measures.
        b.networks.keepaliveNow();
        await().atMost(WAIT).until(() -> b.networks.rtt(nasId).isPresent());

        // Once the member's line is gone, its RTT is forgotten at the next round.
        Files.writeString(b.file(), "name " + NET + "\nsubnet 10.77.0.0/16\n");
        b.networks.reload();
        b.networks.keepaliveNow();
        assertThat(b.networks.rtt(nasId)).isEmpty();
    }

    @Test
    void factsFromANonMemberAreResetAndNotStored() throws Exception {
        Joined j = joined();
        Peer a = j.a();
        Node stranger = startNode();
        bareNodes.add(stranger);
        PeerId c = stranger.host().peerId();
        Connection toA = get(stranger.host().connect(a.node.host().listenAddrs().get(0).withPeerId(a.id)));

        // A member's raw stream is read (it stays open); a stranger's is reset at once.
        Connection bToA = j.b().node.host().connections().get(a.id).orElseThrow();
        Stream member = get(bToA.newStream(s -> { }, FactsProtocol.ID));
        Stream raw = get(toA.newStream(s -> { }, FactsProtocol.ID));
        assertThat(raw.channel().closeFuture().await(5, TimeUnit.SECONDS)).as("stranger's stream closed").isTrue();
        assertThat(member.channel().isActive()).as("member's stream still open").isTrue();
        member.channel().close();

        // A stranger's facts service, trusting A and claiming the network, pushes its facts: none stored.
        timer = Executors.newSingleThreadScheduledExecutor();
        FactsService pushing = new FactsService(stranger.host(), p -> p.equals(a.id) ? TrustLevel.MEMBERSHIP : TrustLevel.UNTRUSTED,
                Clock.systemUTC(), FactsConfig.of(NET).withMembers(java.util.Set.of(a.id)), Scheduler.of(timer));
        services.add(pushing);
        pushing.start(true);
        get(pushing.pushTo(toA).handle((v, e) -> null));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> a.facts().orElseThrow().store().about(c).isEmpty());
        assertThat(a.facts().orElseThrow().knowledge(c).isEmpty()).isTrue();
        assertThat(a.networks.index().isMember(c)).isFalse();
    }

    @Test
    void reloadAppliesHandEditsAndReportsABrokenFileWhileTheOthersStay() throws Exception {
        Joined j = joined();
        Peer a = j.a();
        PeerId gateway = Keys.generateEd25519().publicKey().peerId();
        NetworkConfig current = a.config();
        Member b = current.members().get(0);
        NetworkConfig edited = new NetworkConfig(current.name(), current.subnet(), current.workbits(), current.bootPeers(),
                List.of(new Member(b.role(), Optional.of("laptop"), b.ip(), b.key(), b.endpoint()),
                        new Member(Member.Role.ROUTER, Optional.of("gw"), Optional.empty(), PeerKey.of(gateway), Optional.empty())));
        Files.writeString(a.file(), edited.toText());
        assertThat(a.networks.index().byHostname("laptop")).isEmpty();

        Networks.Reload r = a.networks.reload();
        assertThat(r.networks()).containsExactly(NET);
        assertThat(r.problems()).isEmpty();
        assertThat(a.networks.index().byHostname("laptop")).contains(j.b().id);
        assertThat(a.networks.index().trust(NET, gateway)).isEqualTo(TrustLevel.DELEGATE);
        assertThat(a.networks.index().trust(NET, j.b().id)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(a.facts().orElseThrow().acceptance().isMember(gateway)).isTrue();

        Files.writeString(a.networks.directory().fileOf("bad"), "name bad\nsubnet 10.5.0.0/16\ntrust not-a-key\n");
        Networks.Reload broken = a.networks.reload();
        assertThat(broken.networks()).containsExactly(NET);
        assertThat(broken.problems()).singleElement().asString().contains("bad.conf").contains("line 3");
        assertThat(a.networks.problems()).isEqualTo(broken.problems());
        assertThat(a.networks.index().byHostname("laptop")).contains(j.b().id);
        assertThat(a.facts()).isPresent();

        // A network whose file is removed is unloaded, its facts service stopped.
        Files.delete(a.networks.directory().fileOf("bad"));
        Files.delete(a.file());
        Networks.Reload empty = a.networks.reload();
        assertThat(empty.networks()).isEmpty();
        assertThat(empty.problems()).isEmpty();
        assertThat(a.facts()).isEmpty();
        assertThat(a.networks.index().isMember(j.b().id)).isFalse();
    }

    @Test
    void showListsTheOtherEndAsADirectMember() throws Exception {
        Joined j = joined();
        for (Peer[] ends : List.of(new Peer[] {j.a(), j.b()}, new Peer[] {j.b(), j.a()})) {
            Peer self = ends[0];
            Peer other = ends[1];
            self.networks.keepaliveNow();
            await().atMost(WAIT).until(() -> self.networks.rtt(other.id).isPresent());
            ObjectNode shown = ShowJson.of(self.node, Optional.of(self.networks));

            JsonNode net = shown.path("node").path("networks");
            assertThat(net).hasSize(1);
            MemberIndex.Self mine = self.networks.index().network(NET).orElseThrow();
            assertThat(net.get(0).path("name").asText()).isEqualTo(NET);
            assertThat(net.get(0).path("ipv4").asText()).isEqualTo(mine.ipv4().orElseThrow().getHostAddress());
            assertThat(net.get(0).path("members").asInt()).isEqualTo(1);
            assertThat(shown.path("node").path("networkProblems")).isEmpty();

            JsonNode peer = null;
            for (JsonNode p : shown.path("peers")) {
                if (p.path("peerId").asText().equals(other.id.toBase58())) {
                    peer = p;
                }
            }
            assertThat(peer).as("the other end among the peers").isNotNull();
            MemberIndex.Entry entry = self.networks.index().entry(NET, other.id).orElseThrow();
            assertThat(peer.path("path").asText()).isEqualTo("direct");
            assertThat(peer.path("trust").asText()).isEqualTo("MEMBERSHIP");
            assertThat(peer.path("persistentKeepalive").asLong()).isEqualTo(Networks.KEEPALIVE.toSeconds());
            assertThat(peer.path("networks")).extracting(JsonNode::asText).containsExactly(NET);
            assertThat(peer.path("allowedIps")).extracting(JsonNode::asText).containsExactly(
                    entry.ipv4().map(InetAddress::getHostAddress).orElseThrow() + "/32",
                    entry.ipv6().map(InetAddress::getHostAddress).orElseThrow() + "/128");
            assertThat(peer.path("rttMillis").isNumber()).isTrue();
            assertThat(peer.path("publicKey").asText()).isEqualTo(PeerKey.of(other.id).wireGuardKey());
        }
    }
}
