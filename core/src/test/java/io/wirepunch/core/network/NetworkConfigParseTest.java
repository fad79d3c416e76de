package io.wirepunch.core.network;

import static io.wirepunch.core.network.TestKeys.id;
import static io.wirepunch.core.network.TestKeys.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NetworkConfigParseTest {
    private static final String A = id(1).toBase58();
    private static final String B = id(2).toBase58();
    private static final String C = id(3).toBase58();

    @Test
    void readsEveryDirective() {
        NetworkConfig config = NetworkConfig.parse("""
                name tutorial           # name of network
                subnet 10.0.42.0/24     # private subnetwork
                workbit 8

                # one DHT bootstrap node
                boot %s bootstrap.example.org:4001
                trust node_a %s
                trust nas 10.0.42.7 %s nas.example.org
                router gw %s [2001:db8::1]:4001
                """.formatted(A, A, B, C).replace("node_a", "node-a"));
        assertThat(config.name()).isEqualTo("tutorial");
        assertThat(config.subnet()).contains(Ipv4Subnet.parse("10.0.42.0/24"));
        assertThat(config.workbits()).hasValue(8);
        assertThat(config.bootPeers()).containsExactly(new BootPeer(id(1), Endpoint.parse("bootstrap.example.org:4001")));
        assertThat(config.members()).containsExactly(
                new Member(Member.Role.TRUST, Optional.of("node-a"), Optional.empty(), peer(1), Optional.empty()),
                new Member(Member.Role.TRUST, Optional.of("nas"), Optional.of(Ipv4Subnet.parseAddress("10.0.42.7")), peer(2),
                        Optional.of(new Endpoint("nas.example.org", OptionalInt.empty()))),
                new Member(Member.Role.ROUTER, Optional.of("gw"), Optional.empty(), peer(3),
                        Optional.of(new Endpoint("[2001:db8::1]", OptionalInt.of(4001)))));
    }

    @Test
    void linesMayComeInAnyOrderAndHostnameAndIpInEitherOrder() {
        NetworkConfig config = NetworkConfig.parse("trust 10.0.0.5 nas " + A + "\r\nsubnet 10.0.0.0/24\r\nname x\r\n");
        assertThat(config.members().get(0).hostname()).contains("nas");
        assertThat(config.members().get(0).ip()).contains(Ipv4Subnet.parseAddress("10.0.0.5"));
    }

    @Test
    void acceptsPeerIdsInCidFormAndWireGuardKeys() {
        String wg = peer(2).wireGuardKey();
        NetworkConfig config = NetworkConfig.parse("name n\nsubnet 10.0.0.0/24\ntrust " + id(1).toCid() + "\ntrust wg " + wg + "\n");
        assertThat(config.members().get(0).key().peerId()).contains(id(1));
        assertThat(config.members().get(1).key().peerId()).isEmpty();
        assertThat(config.members().get(1).key().matches(TestKeys.key(2).publicKey())).isTrue();
        assertThat(config.members().get(1).key().matches(TestKeys.key(1).publicKey())).isFalse();
    }

    @Test
    void aMemberNeedsAPeerId() {
        assertError("name n\nsubnet 10.0.0.0/24\n\n\n\n\ntrust xyz\n", "line 7: trust: 'xyz' is not a peer id");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust\n", "line 3: trust: no peer id; expected 'trust [hostname] [ip] <peer id> [endpoint]'");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust host other " + A + "\n", "line 3: trust: 'other' is not a peer id");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust Host " + A + "\n",
                "line 3: trust: 'Host' is not a peer id, nor a host name: it has upper-case letters (names are lower case)");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 12D3KooWxyz\n", "line 3: trust: '12D3KooWxyz' is not a peer id");
    }

    @Test
    void membersNeedEd25519Keys() {
        PeerId rsa = PeerId.fromBytes(new byte[] {0x12, 0x20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertError("name n\nsubnet 10.0.0.0/24\ntrust " + rsa + "\n", "line 3: trust: '" + rsa + "' is not the id of an Ed25519 key");
        // boot peers are only dialled: any key type will do
        assertThat(NetworkConfig.parse("name n\nboot " + rsa + " 192.0.2.1:4001\n").bootPeers()).hasSize(1);
    }

    @Test
    void wireGuardKeysMustBeValidAndAreRefusedOnBootLines() {
        String wg = peer(2).wireGuardKey();
        assertError("name n\nboot " + wg + " h:1\n", "line 2: boot: '" + wg + "' is a WireGuard key, which cannot be dialled");
        String bad = "!" + wg.substring(1);
        assertError("name n\nsubnet 10.0.0.0/24\ntrust " + bad + "\n", "line 3: trust: '" + bad + "' is not a WireGuard key");
    }

    @Test
    void endpointsAndAddressesAreChecked() {
        assertError("name n\nsubnet 10.0.0.0/24\ntrust " + A + " host:99999\n",
                "line 3: trust: 'host:99999' is not an endpoint (host[:port]): port 99999 is outside 1–65535");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust " + A + " a:1 b:2\n", "line 3: trust: unexpected 'b:2' after the endpoint");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 10.0.0.300 " + A + "\n", "line 3: trust: '10.0.0.300' is not an IPv4 address");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust fd00::1 " + A + "\n", "line 3: trust: 'fd00::1' is not an IPv4 address (IPv6");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 10.0.0.1 10.0.0.2 " + A + "\n", "line 3: trust: a second address '10.0.0.2'");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 10.0.1.1 " + A + "\n", "line 3: trust: 10.0.1.1 is not inside the subnet 10.0.0.0/24");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 10.0.0.255 " + A + "\n", "line 3: trust: 10.0.0.255 is the network or broadcast address");
        assertError("name n\nsubnet 10.0.0.0/24\ntrust 10.0.0.0 " + A + "\n", "line 3: trust: 10.0.0.0 is the network or broadcast address");
        assertError("name n\nboot " + A + "\n", "line 2: boot: expected 'boot <peer id> <host[:port]>'");
        assertError("name n\nboot " + A + " [::1\n", "line 2: boot: '[::1' is not an endpoint (host[:port]): '[::1' has no closing ']'");
        assertError("name n\nboot " + A + " [zz::1]:1\n", "line 2: boot: '[zz::1]:1' is not an endpoint (host[:port]): 'zz::1' is not an IPv6 address");
        assertError("name n\nboot " + A + " ::1\n", "line 2: boot: '::1' is not an endpoint (host[:port]): '::1' has several ':'");
        assertError("name n\nboot " + A + " -bad-:1\n", "line 2: boot: '-bad-:1' is not an endpoint (host[:port]): host '-bad-' has a label that starts or ends with '-'");
        assertError("name n\nboot xyz h:1\n", "line 2: boot: 'xyz' is not a peer id");
    }

    @Test
    void headerDirectivesAreChecked() {
        assertError("subnet 10.0.0.0/24\n", "no 'name' line");
        assertError("name a\nname b\n", "line 2: name: already set at line 1");
        assertError("name a b\n", "line 1: name: expected 'name <network name>'");
        assertError("name a/b\n", "line 1: name: 'a/b' has a character other than");
        assertError("name n\nsubnet 10.0.0.1/24\n", "line 2: subnet: 10.0.0.1/24 has host bits set; the network is 10.0.0.0/24");
        assertError("name n\nsubnet 10.0.0.0\n", "line 2: subnet: '10.0.0.0' has no prefix length");
        assertError("name n\nsubnet 10.0.0.0/24\nsubnet 10.0.1.0/24\n", "line 3: subnet: already set at line 2");
        assertError("name n\nworkbit 8\nworkbit 9\n", "line 3: workbit: already set at line 2");
        assertError("name n\nworkbit eight\n", "line 2: workbit: 'eight' is not a number from 0 to 32");
        assertError("name n\npeer " + A + "\n", "line 2: 'peer' is not a directive (name, subnet, workbit, boot, trust, router)");
        assertError("name n\ntrust " + A + "\n", "line 2: trust: members need a 'subnet' line");
        assertError("name n\u0001\n", "line 1: control character U+0001");
    }

    @Test
    void workbitLimitIsCrossed() {
        assertThat(NetworkConfig.parse("name n\nworkbit " + NetworkConfig.MAX_WORKBITS + "\n").workbits())
                .hasValue(NetworkConfig.MAX_WORKBITS);
        assertError("name n\nworkbit " + (NetworkConfig.MAX_WORKBITS + 1) + "\n", "line 2: workbit: '33' is not a number from 0 to 32");
    }

    @Test
    void nameLengthLimitIsCrossed() {
        String longest = "n".repeat(NetworkConfig.MAX_NAME_LENGTH);
        assertThat(NetworkConfig.parse("name " + longest).name()).isEqualTo(longest);
        assertError("name " + longest + "n", "line 1: name: '" + "n".repeat(60) + "…' is longer than 64 characters");
    }

    @Test
    void hostnameLimitsAreCrossed() {
        String label = "a".repeat(Hostnames.MAX_LABEL_LENGTH);
        String longest = String.join(".", label, label, label, "a".repeat(Hostnames.MAX_LENGTH - 3 * 64));
        assertThat(longest).hasSize(Hostnames.MAX_LENGTH);
        String header = "name n\nsubnet 10.0.0.0/24\n";
        assertThat(NetworkConfig.parse(header + "trust " + longest + " " + A).members().get(0).hostname()).contains(longest);
        assertError(header + "trust " + longest + "a " + A, "line 3: trust: '");
        assertThat(NetworkConfig.parse(header + "trust " + label + " " + A).members()).hasSize(1);
        assertError(header + "trust " + label + "a " + A, "line 3: trust: '" + ConfigParser.shorten(label + "a")
                + "' is not a peer id, nor a host name: it has a label longer than 63 characters");
        assertError(header + "trust host.123 " + A, "line 3: trust: 'host.123' is not a peer id, nor a host name: it ends in a numeric label");
    }

    @Test
    void duplicatesAreErrorsThatNameBothLines() {
        String header = "name n\nsubnet 10.0.0.0/24\n";
        assertError(header + "trust " + A + "\ntrust " + A + "\n", "line 4: trust: peer " + A + " is already a member at line 3");
        assertError(header + "trust " + A + "\nrouter " + peer(1).wireGuardKey() + "\n",
                "line 4: router: peer " + peer(1).wireGuardKey() + " is already a member at line 3 (the same X25519 key)");
        assertError(header + "trust x " + A + "\ntrust x " + B + "\n", "line 4: trust: host name 'x' is already taken at line 3");
        assertError(header + "trust 10.0.0.9 " + A + "\ntrust 10.0.0.9 " + B + "\n", "line 4: trust: 10.0.0.9 is already taken at line 3");
        assertError("name n\nboot " + A + " h:1\nboot " + A + " g:1\n", "line 3: boot: peer " + A + " is already a boot peer at line 2");
        // a boot peer may also be a member: the two roles differ
        assertThat(NetworkConfig.parse(header + "boot " + A + " h:1\ntrust " + A + "\n").members()).hasSize(1);
    }

    @Test
    void fileSizeLimitIsCrossed() {
        StringBuilder text = new StringBuilder("name n\n");
        while (text.length() < NetworkConfig.MAX_FILE_BYTES) {
            text.append("#".repeat(1000)).append('\n');
        }
        String exact = text.substring(0, NetworkConfig.MAX_FILE_BYTES - 1) + "\n";
        assertThat(NetworkConfig.parse(exact).name()).isEqualTo("n");
        assertError(exact + "#", "the configuration is larger than 1048576 bytes");
        // counted in UTF-8: two-byte characters reach the limit at half as many characters
        String wide = "name n\n#" + "é".repeat(NetworkConfig.MAX_FILE_BYTES / 2);
        assertError(wide, "the configuration is larger than");
    }

    @Test
    void lineCountLimitIsCrossed() {
        String lines = "name n" + "\n".repeat(NetworkConfig.MAX_LINES - 1);
        assertThat(NetworkConfig.parse(lines).name()).isEqualTo("n");
        assertError(lines + "\n#", "line 8193: the configuration has more than 8192 lines");
    }

    @Test
    void lineLengthLimitIsCrossed() {
        String longest = "name n #" + "x".repeat(NetworkConfig.MAX_LINE_LENGTH - 8);
        assertThat(NetworkConfig.parse(longest + "\r\n").name()).isEqualTo("n");
        assertError(longest + "x", "line 1: the line is longer than 1024 characters");
    }

    @Test
    void memberLimitIsCrossed() {
        StringBuilder text = new StringBuilder("name n\nsubnet 10.0.0.0/16\n");
        for (int i = 0; i < NetworkConfig.MAX_MEMBERS; i++) {
            text.append("trust ").append(Keys.generateEd25519().publicKey().peerId()).append('\n');
        }
        assertThat(NetworkConfig.parse(text.toString()).members()).hasSize(NetworkConfig.MAX_MEMBERS);
        text.append("trust ").append(A).append('\n');
        assertError(text.toString(), "line 1027: more than 1024 members");
    }

    @Test
    void bootPeerLimitIsCrossed() {
        StringBuilder text = new StringBuilder("name n\n");
        for (int i = 0; i < NetworkConfig.MAX_BOOT_PEERS; i++) {
            text.append("boot ").append(Keys.generateEd25519().publicKey().peerId()).append(" h:1\n");
        }
        assertThat(NetworkConfig.parse(text.toString()).bootPeers()).hasSize(NetworkConfig.MAX_BOOT_PEERS);
        text.append("boot ").append(A).append(" h:1\n");
        assertError(text.toString(), "line 66: boot: more than 64 boot peers");
    }

    @Test
    void subnetMustHoldEveryMember() {
        String members = "trust " + A + "\ntrust " + B + "\n";
        assertThat(NetworkConfig.parse("name n\nsubnet 10.0.0.0/30\n" + members).members()).hasSize(2);
        assertError("name n\nsubnet 10.0.0.0/30\n" + members + "trust " + C + "\n",
                "subnet 10.0.0.0/30 has room for 2 members, but 3 are listed");
    }

    @Test
    void subnetPrefixLimitsAreCrossed() {
        assertThat(NetworkConfig.parse("name n\nsubnet 10.0.0.0/8").subnet().orElseThrow().hostCount()).isEqualTo(16_777_214);
        assertError("name n\nsubnet 10.0.0.0/7", "line 2: subnet: /7 is outside /8 to /30");
        assertError("name n\nsubnet 10.0.0.0/31", "line 2: subnet: /31 is outside /8 to /30");
        assertError("name n\nsubnet 10.0.0.0/024", "line 2: subnet: '024' is not a prefix length");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> NetworkConfig.parse(text))
                .isInstanceOf(NetworkConfigException.class)
                .hasMessageStartingWith(message);
    }
}
