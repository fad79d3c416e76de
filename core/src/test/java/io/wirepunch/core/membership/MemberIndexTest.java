package io.wirepunch.core.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.Endpoint;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.PeerKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index a reload builds: trust, keys in either form, overlay addresses, host names, endpoints. */
class MemberIndexTest {
    private static PeerId newId() {
        return Keys.generateEd25519().publicKey().peerId();
    }

    private final PeerId self = newId();
    private final PeerId laptop = newId();
    private final PeerId gateway = newId();
    private final PeerId stranger = newId();

    @Test
    void trustComesFromTheLineThatNamesTheMember() {
        NetworkConfig home = NetworkConfig.parse("name home\nsubnet 10.0.42.0/24\ntrust laptop " + laptop
                + "\nrouter gw " + gateway + "\n");
        NetworkConfig office = NetworkConfig.parse("name office\nsubnet 10.9.0.0/16\nrouter " + laptop + "\n");
        MemberIndex index = MemberIndex.of(self, Map.of("home", home));
        assertThat(index.trust("home", laptop)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(index.trust("home", gateway)).isEqualTo(TrustLevel.DELEGATE);
        assertThat(index.trust("office", laptop)).isEqualTo(TrustLevel.UNTRUSTED);
        assertThat(index.memberIds("home")).containsExactlyInAnyOrder(laptop, gateway);

        MemberIndex both = MemberIndex.of(self, Map.of("home", home, "office", office));
        assertThat(both.trust("home", laptop)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(both.trust("office", laptop)).isEqualTo(TrustLevel.DELEGATE);
        // The highest over all networks.
        assertThat(both.trust(laptop)).isEqualTo(TrustLevel.DELEGATE);
        assertThat(both.entries(laptop)).extracting(MemberIndex.Entry::network).containsExactly("home", "office");
    }

    @Test
    void strangersAndTheNodeItselfAreNoMembers() {
        NetworkConfig home = NetworkConfig.parse("name home\nsubnet 10.0.42.0/24\ntrust " + laptop + "\ntrust " + self + "\n");
        MemberIndex index = MemberIndex.of(self, Map.of("home", home));
        assertThat(index.isMember(stranger)).isFalse();
        assertThat(index.entries(stranger)).isEmpty();
        assertThat(index.trust(stranger)).isEqualTo(TrustLevel.UNTRUSTED);
        assertThat(index.trust("home", stranger)).isEqualTo(TrustLevel.UNTRUSTED);
        assertThat(index.isMember(self)).isFalse();
        assertThat(index.memberIds()).containsExactly(laptop);
        // A PeerId of a key that is not Ed25519 (a hashed RSA key) is a stranger too, not an error.
        PeerId rsaLike = PeerId.fromBase58("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertThat(index.trust(rsaLike)).isEqualTo(TrustLevel.UNTRUSTED);
        assertThat(MemberIndex.empty(self).networks()).isEmpty();
    }

    @Test
    void aMemberNamedByItsWireGuardKeyIsThePeerOfThatKey() {
        String wg = PeerKey.of(laptop).wireGuardKey();
        NetworkConfig home = NetworkConfig.parse("name home\nsubnet 10.0.42.0/24\ntrust laptop " + wg + " 192.0.2.7:5000\n");
        MemberIndex index = MemberIndex.of(self, Map.of("home", home));
        assertThat(index.entries(laptop)).singleElement().satisfies(e -> {
            assertThat(e.network()).isEqualTo("home");
            assertThat(e.member().key().peerId()).isEmpty();
            assertThat(e.trust()).isEqualTo(TrustLevel.MEMBERSHIP);
        });
        assertThat(index.trust("home", laptop)).isEqualTo(TrustLevel.MEMBERSHIP);
        assertThat(index.configuredAddrs(laptop)).containsExactly(Multiaddr.parse("/ip4/192.0.2.7/tcp/5000"));
        // It cannot be dialled or named by id: it is not among the ids.
        assertThat(index.memberIds("home")).isEmpty();
        assertThat(index.byHostname("laptop")).isEmpty();
        assertThat(index.isMember(gateway)).isFalse();
    }

    @Test
    void twoNodesListingOnlyEachOtherAgreeOnBothAddresses() {
        PeerId a = newId();
        PeerId b = newId();
        NetworkConfig aFile = NetworkConfig.parse("name home\nsubnet 10.77.0.0/16\ntrust " + b + "\n");
        NetworkConfig bFile = NetworkConfig.parse("name home\nsubnet 10.77.0.0/16\ntrust " + a + "\n");
        MemberIndex atA = MemberIndex.of(a, Map.of("home", aFile));
        MemberIndex atB = MemberIndex.of(b, Map.of("home", bFile));

        MemberIndex.Self aSelf = atA.network("home").orElseThrow();
        MemberIndex.Self bSelf = atB.network("home").orElseThrow();
        MemberIndex.Entry bAtA = atA.entry("home", b).orElseThrow();
        MemberIndex.Entry aAtB = atB.entry("home", a).orElseThrow();
        assertThat(aSelf.ipv4()).isPresent();
        assertThat(aSelf.ipv6()).isPresent();
        assertThat(aSelf.ipv4()).isEqualTo(aAtB.ipv4());
        assertThat(aSelf.ipv6()).isEqualTo(aAtB.ipv6());
        assertThat(bSelf.ipv4()).isEqualTo(bAtA.ipv4());
        assertThat(bSelf.ipv6()).isEqualTo(bAtA.ipv6());
        assertThat(aSelf.ipv4()).isNotEqualTo(bSelf.ipv4());
        assertThat(aSelf.ipv6()).isNotEqualTo(bSelf.ipv6());
        assertThat(aSelf.ipv4().orElseThrow().getHostAddress()).startsWith("10.77.");
        assertThat(aSelf.ipv6().orElseThrow().getHostAddress()).startsWith("fd");

        // A file that also lists the node itself gives the same addresses.
        MemberIndex listed = MemberIndex.of(a, Map.of("home", aFile.withMember(io.wirepunch.core.network.Member.trusted(PeerKey.of(a)))));
        assertThat(listed.network("home").orElseThrow().ipv4()).isEqualTo(aSelf.ipv4());
        assertThat(listed.network("home").orElseThrow().ipv6()).isEqualTo(aSelf.ipv6());
    }

    @Test
    void hostNamesFindTheirMemberInTheFirstNetworkByName() {
        PeerId other = newId();
        NetworkConfig alpha = NetworkConfig.parse("name alpha\nsubnet 10.1.0.0/16\ntrust nas " + laptop + "\n");
        NetworkConfig beta = NetworkConfig.parse("name beta\nsubnet 10.2.0.0/16\ntrust nas " + other + "\ntrust printer "
                + gateway + "\n");
        MemberIndex index = MemberIndex.of(self, Map.of("beta", beta, "alpha", alpha));
        assertThat(index.byHostname("nas")).contains(laptop);
        assertThat(index.byHostname("printer")).contains(gateway);
        assertThat(index.byHostname("scanner")).isEmpty();
        assertThat(MemberIndex.of(self, Map.of("beta", beta)).byHostname("nas")).contains(other);
    }

    @Test
    void endpointsBecomeTcpMultiaddrs() {
        assertThat(MemberIndex.toMultiaddr(Endpoint.parse("192.0.2.1:5000")))
                .isEqualTo(Multiaddr.parse("/ip4/192.0.2.1/tcp/5000"));
        assertThat(MemberIndex.toMultiaddr(Endpoint.parse("[2001:db8::1]:5000")))
                .isEqualTo(Multiaddr.parse("/ip6/2001:db8::1/tcp/5000"));
        assertThat(MemberIndex.toMultiaddr(Endpoint.parse("nas.example.org:4002")))
                .isEqualTo(Multiaddr.parse("/dns/nas.example.org/tcp/4002"));
        assertThat(MemberIndex.toMultiaddr(Endpoint.parse("192.0.2.1")))
                .isEqualTo(Multiaddr.parse("/ip4/192.0.2.1/tcp/" + MemberIndex.DEFAULT_MEMBER_PORT));
        assertThat(MemberIndex.toMultiaddr(Endpoint.parse("[2001:db8::1]")))
                .isEqualTo(Multiaddr.parse("/ip6/2001:db8::1/tcp/" + MemberIndex.DEFAULT_MEMBER_PORT));

        NetworkConfig home = NetworkConfig.parse("name home\nsubnet 10.0.42.0/24\ntrust nas " + laptop
                + " nas.example.org\n");
        NetworkConfig office = NetworkConfig.parse("name office\nsubnet 10.9.0.0/16\ntrust " + laptop
                + " [2001:db8::7]:4010\n");
        MemberIndex index = MemberIndex.of(self, Map.of("home", home, "office", office));
        assertThat(index.configuredAddrs(laptop)).containsExactly(
                Multiaddr.parse("/dns/nas.example.org/tcp/4001"), Multiaddr.parse("/ip6/2001:db8::7/tcp/4010"));
        assertThat(index.configuredAddrs(gateway)).isEmpty();
        assertThat(index.entry("home", laptop).map(e -> e.member().endpoint()).orElseThrow())
                .isEqualTo(Optional.of(Endpoint.parse("nas.example.org")));
    }
}
