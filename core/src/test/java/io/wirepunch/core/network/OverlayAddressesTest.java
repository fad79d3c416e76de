package io.wirepunch.core.network;

import static io.wirepunch.core.network.TestKeys.id;
import static io.wirepunch.core.network.TestKeys.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverlayAddressesTest {

    /**
     * Addresses computed outside this code base (Python: OpenSSL for the Ed25519 keys, big-integer
     * arithmetic for the map to X25519, hashlib for the documented derivation).
     */
    @Test
    void matchesTheDocumentedDerivation() throws Exception {
        OverlayAddresses addresses = OverlayAddresses.of(NetworkConfig.parse("name office\nsubnet 10.0.42.0/24\n"
                + "trust " + id(1) + "\ntrust " + id(2) + "\ntrust " + id(3) + "\n"));
        assertThat(addresses.ipv4(peer(1))).contains((Inet4Address) InetAddress.getByName("10.0.42.97"));
        assertThat(addresses.ipv4(peer(2))).contains((Inet4Address) InetAddress.getByName("10.0.42.146"));
        assertThat(addresses.ipv4(peer(3))).contains((Inet4Address) InetAddress.getByName("10.0.42.34"));
        assertThat(addresses.ipv6(peer(1)).map(InetAddress.class::cast)).contains(InetAddress.getByName("fd8c:e4d4:94c1:0:d5da:271:ca7e:fcc3"));
        assertThat(addresses.ipv6(peer(2)).map(InetAddress.class::cast)).contains(InetAddress.getByName("fd8c:e4d4:94c1:0:c20b:b8c5:c550:8a31"));
        assertThat(addresses.ipv6(peer(3)).map(InetAddress.class::cast)).contains(InetAddress.getByName("fd8c:e4d4:94c1:0:f3e6:ec45:48fd:467f"));
        assertThat(OverlayAddresses.ulaPrefix("office")).isEqualTo(InetAddress.getByName("fd8c:e4d4:94c1::"));
    }

    @Test
    void independentOfLineOrderAndOfTheKeysForm() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add("trust " + id(i));
        }
        OverlayAddresses first = OverlayAddresses.of(NetworkConfig.parse("name n\nsubnet 10.1.0.0/26\n" + String.join("\n", lines)));
        Collections.shuffle(lines, new Random(7));
        lines.set(0, "trust " + PeerKey.of(NetworkConfig.parse("name n\nsubnet 10.1.0.0/26\n" + lines.get(0))
                .members().get(0).key().peerId().orElseThrow()).wireGuardKey());
        OverlayAddresses second = OverlayAddresses.of(NetworkConfig.parse("subnet 10.1.0.0/26\n" + String.join("\n", lines) + "\nname n"));
        assertThat(second.ipv4()).isEqualTo(first.ipv4());
        assertThat(second.ipv6()).isEqualTo(first.ipv6());
        assertThat(new HashSet<>(first.ipv4().values())).hasSize(40);
    }

    @Test
    void onACollisionTheSmallerKeyKeepsTheAddress() {
        // keys 2 and 3 both hash to host 2 of a /30 on their first try, and the larger one to host 1 on its third (computed with the script)
        NetworkConfig config = NetworkConfig.parse("name n\nsubnet 10.0.0.0/30\ntrust " + id(2) + "\ntrust " + id(3) + "\n");
        OverlayAddresses addresses = OverlayAddresses.of(config);
        PeerKey smaller = peer(2).compareTo(peer(3)) < 0 ? peer(2) : peer(3);
        PeerKey larger = smaller.equals(peer(2)) ? peer(3) : peer(2);
        assertThat(addresses.ipv4(smaller).orElseThrow().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(addresses.ipv4(larger).orElseThrow().getHostAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void anExplicitAddressWins() {
        String hashed = OverlayAddresses.of(NetworkConfig.parse("name n\nsubnet 10.0.42.0/24\ntrust " + id(1)))
                .ipv4(peer(1)).orElseThrow().getHostAddress();
        OverlayAddresses addresses = OverlayAddresses.of(NetworkConfig.parse("name n\nsubnet 10.0.42.0/24\ntrust " + id(1)
                + "\ntrust " + hashed + " " + id(2)));
        assertThat(addresses.ipv4(peer(2)).orElseThrow().getHostAddress()).isEqualTo(hashed);
        assertThat(addresses.ipv4(peer(1)).orElseThrow().getHostAddress()).isNotEqualTo(hashed);
    }

    @Test
    void aFullSubnetGivesEveryHostOnceBeyondTheRehashLimit() {
        StringBuilder text = new StringBuilder("name n\nsubnet 10.9.9.0/24\n");
        List<PeerKey> keys = new ArrayList<>();
        for (int i = 0; i < 254; i++) {
            var id = Keys.generateEd25519().publicKey().peerId();
            keys.add(PeerKey.of(id));
            text.append("trust ").append(id).append('\n');
        }
        OverlayAddresses addresses = OverlayAddresses.of(NetworkConfig.parse(text.toString()));
        Set<String> hosts = new HashSet<>();
        for (PeerKey key : keys) {
            hosts.add(addresses.ipv4(key).orElseThrow().getHostAddress());
        }
        assertThat(hosts).hasSize(254).doesNotContain("10.9.9.0", "10.9.9.255");
    }

    @Test
    void theLargestSubnetWorks() {
        OverlayAddresses addresses = OverlayAddresses.of(NetworkConfig.parse("name n\nsubnet 10.0.0.0/8\ntrust " + id(1)));
        assertThat(addresses.ipv4(peer(1)).orElseThrow().getAddress()[0]).isEqualTo((byte) 10);
    }

    @Test
    void ipv6PrefixIsAUniqueLocalSlash48PerNetworkName() {
        byte[] office = OverlayAddresses.ulaPrefix("office").getAddress();
        byte[] home = OverlayAddresses.ulaPrefix("home").getAddress();
        assertThat(office[0]).isEqualTo((byte) 0xfd);
        assertThat(java.util.Arrays.copyOfRange(office, 6, 16)).containsOnly(0);
        assertThat(java.util.Arrays.copyOf(office, 6)).isNotEqualTo(java.util.Arrays.copyOf(home, 6));
        OverlayAddresses a = OverlayAddresses.of(NetworkConfig.parse("name office\nsubnet 10.0.0.0/24\ntrust " + id(1)));
        OverlayAddresses b = OverlayAddresses.of(NetworkConfig.parse("name home\nsubnet 10.0.0.0/24\ntrust " + id(1)));
        byte[] inOffice = a.ipv6(peer(1)).orElseThrow().getAddress();
        byte[] inHome = b.ipv6(peer(1)).orElseThrow().getAddress();
        assertThat(java.util.Arrays.copyOf(inOffice, 6)).isEqualTo(java.util.Arrays.copyOf(office, 6));
        assertThat(java.util.Arrays.copyOfRange(inOffice, 8, 16)).isEqualTo(java.util.Arrays.copyOfRange(inHome, 8, 16));
    }

    @Test
    void aMemberIsFoundByTheKeyItConnectsWith() {
        NetworkConfig config = NetworkConfig.parse("name n\nsubnet 10.0.0.0/24\ntrust " + peer(1).wireGuardKey());
        OverlayAddresses addresses = OverlayAddresses.of(config);
        assertThat(addresses.ipv4(PeerKey.of(TestKeys.key(1).publicKey()))).isPresent();
        assertThat(addresses.ipv4(peer(2))).isEqualTo(Optional.empty());
    }
}
