package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DialBackPolicyTest {
    private static final PeerId REQUESTER = Keys.generateEd25519().publicKey().peerId();
    private static final Multiaddr FROM = Multiaddr.parse("/ip4/198.51.100.7/tcp/50000");
    private static final PublicRanges TESTBED = PublicRanges.parse("198.51.100.0/24,127.0.0.0/8");

    private final DialBackPolicy policy = new DialBackPolicy(AutoNatServerConfig.defaults(TESTBED));

    private DialBackPolicy.Plan plan(Multiaddr from, String... addrs) {
        return plan(policy, from, Set.of(), addrs);
    }

    private static DialBackPolicy.Plan plan(DialBackPolicy policy, Multiaddr from, Set<InetAddress> ours, String... addrs) {
        return policy.plan(REQUESTER, from, () -> ours,
                new AutoNatMessage.Dial(REQUESTER, List.of(addrs).stream().map(Multiaddr::parse).toList()));
    }

    @Test
    void dialsOnlyAddressesAtTheRequestersObservedIp() {
        DialBackPolicy.Plan plan = plan(FROM, "/ip4/198.51.100.7/tcp/4001", "/ip4/198.51.100.8/tcp/4001",
                "/ip4/8.8.8.8/tcp/4001", "/ip6/2001:db8::7/tcp/4001", "/ip4/198.51.100.7/tcp/4002/p2p/" + REQUESTER);
        assertThat(plan.refused()).isFalse();
        assertThat(plan.requesterIp().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(plan.targets()).containsExactly(Multiaddr.parse("/ip4/198.51.100.7/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.7/tcp/4002"));
    }

    @Test
    void noAddressAtTheObservedIpIsRefusedAndNothingIsDialled() {
        DialBackPolicy.Plan plan = plan(FROM, "/ip4/127.0.0.2/tcp/4001", "/ip4/8.8.8.8/tcp/4001");
        assertThat(plan.refused()).isTrue();
        assertThat(plan.targets()).isEmpty();
        assertThat(plan.refusal().status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(plan.refusal().statusText()).contains("no dialable address at the requester's IP");
    }

    @Test
    void addressesThatAreNotPlainTcpOrNameAnotherPeerAreDropped() {
        PeerId other = Keys.generateEd25519().publicKey().peerId();
        DialBackPolicy.Plan plan = plan(FROM, "/ip4/198.51.100.7/tcp/4001/p2p/" + other,
                "/ip4/198.51.100.7/udp/4001/quic-v1", "/ip4/198.51.100.7/tcp/0",
                "/ip4/198.51.100.7/tcp/4001/p2p/" + other + "/p2p-circuit",
                "/dns4/example.com/tcp/4001");
        assertThat(plan.refused()).isTrue();
    }

    @Test
    void atMostMaxDialsAddressesAreTriedAndDuplicatesOnce() {
        List<String> addrs = new ArrayList<>();
        addrs.add("/ip4/198.51.100.7/tcp/4000");
        for (int i = 0; i <= AutoNatServerConfig.MAX_DIALS_PER_REQUEST; i++) {
            addrs.add("/ip4/198.51.100.7/tcp/" + (4000 + i));
        }
        DialBackPolicy.Plan plan = plan(FROM, addrs.toArray(String[]::new));
        assertThat(plan.targets()).hasSize(AutoNatServerConfig.MAX_DIALS_PER_REQUEST).doesNotHaveDuplicates()
                .doesNotContain(Multiaddr.parse("/ip4/198.51.100.7/tcp/" + (4000 + AutoNatServerConfig.MAX_DIALS_PER_REQUEST)));
    }

    @Test
    void aDialNamingAnotherPeerIsABadRequest() {
        DialBackPolicy.Plan plan = policy.plan(REQUESTER, FROM, Set::of, new AutoNatMessage.Dial(
                Keys.generateEd25519().publicKey().peerId(), List.of(Multiaddr.parse("/ip4/198.51.100.7/tcp/4001"))));
        assertThat(plan.refusal().status()).isEqualTo(ResponseStatus.E_BAD_REQUEST);
        assertThat(plan.refusal().statusText()).contains("peer id mismatch");
    }

    @Test
    void relayedPrivateAndOwnIpRequestersAreRefused() throws Exception {
        Multiaddr relayed = Multiaddr.parse("/ip4/198.51.100.9/tcp/4001/p2p/"
                + Keys.generateEd25519().publicKey().peerId() + "/p2p-circuit");
        assertThat(plan(relayed, "/ip4/198.51.100.9/tcp/4001").refusal().statusText()).contains("relayed");

        assertThat(plan(Multiaddr.parse("/ip4/10.0.0.7/tcp/50000"), "/ip4/10.0.0.7/tcp/4001").refusal().statusText())
                .contains("not public");
        DialBackPolicy realInternet = new DialBackPolicy(AutoNatServerConfig.defaults(PublicRanges.NONE));
        assertThat(plan(realInternet, FROM, Set.of(), "/ip4/198.51.100.7/tcp/4001").refusal().statusText())
                .contains("not public");

        Set<InetAddress> ours = Set.of(InetAddress.getByName("198.51.100.7"));
        assertThat(plan(policy, FROM, ours, "/ip4/198.51.100.7/tcp/4001").refusal().statusText()).contains("our own IP");
        DialBackPolicy singleHost = new DialBackPolicy(AutoNatServerConfig.defaults(TESTBED).withAllowSameIp(true));
        assertThat(plan(singleHost, FROM, ours, "/ip4/198.51.100.7/tcp/4001").refused()).isFalse();
    }
}
