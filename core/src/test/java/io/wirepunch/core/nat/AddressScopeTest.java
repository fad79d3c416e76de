package io.wirepunch.core.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressScopeTest {

    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, PUBLIC",
            "1.1.1.1, PUBLIC",
            "100.63.255.255, PUBLIC",
            "100.128.0.0, PUBLIC",
            "172.32.0.1, PUBLIC",
            "10.1.2.3, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, SHARED",
            "100.127.255.254, SHARED",
            "127.0.0.1, LOOPBACK",
            "127.255.0.9, LOOPBACK",
            "169.254.10.10, LINK_LOCAL",
            "192.0.2.1, DOCUMENTATION",
            "198.51.100.1, DOCUMENTATION",
            "203.0.113.7, DOCUMENTATION",
            "198.18.0.1, BENCHMARKING",
            "198.19.255.255, BENCHMARKING",
            "224.0.0.1, MULTICAST",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            "192.0.0.8, RESERVED",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "2606:4700:4700::1111, PUBLIC",
            "2a00:1450::1, PUBLIC",
            "2002:c000:201::1, PUBLIC",
            "::1, LOOPBACK",
            "::, UNSPECIFIED",
            "fd12:3456::1, PRIVATE",
            "fc00::1, PRIVATE",
            "fec0::1, PRIVATE",
            "fe80::1, LINK_LOCAL",
            "2001:db8::1, DOCUMENTATION",
            "3fff:123::1, DOCUMENTATION",
            "2001:2::1, BENCHMARKING",
            "2001::1, RESERVED",
            "100::1, RESERVED",
            "64:ff9b:1::1, PRIVATE",
            "ff02::1, MULTICAST",
            "4000::1, RESERVED",
            "::ffff:10.0.0.1, PRIVATE",
            "::ffff:8.8.8.8, PUBLIC"
    })
    void classifiesBySpecialPurposeRanges(String literal, AddressScope expected) throws Exception {
        assertThat(AddressScope.of(InetAddress.getByName(literal))).isEqualTo(expected);
    }

    @Test
    void publicRangesAddTestbedRangesOnTopOfTheInternetsOwn() throws Exception {
        InetAddress doc = InetAddress.getByName("203.0.113.7");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(PublicRanges.NONE.isPublic(doc)).isFalse();
        assertThat(PublicRanges.NONE.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();

        PublicRanges testbed = PublicRanges.parse("203.0.113.0/24, 127.0.0.0/8");
        assertThat(testbed.isPublic(doc)).isTrue();
        assertThat(testbed.isPublic(loopback)).isTrue();
        assertThat(testbed.isPublic(InetAddress.getByName("198.51.100.1"))).isFalse();
        assertThat(testbed.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(testbed.inExtraRange(doc)).isTrue();
        assertThat(testbed.inExtraRange(InetAddress.getByName("8.8.8.8"))).isFalse();
        assertThat(testbed).hasToString("203.0.113.0/24,127.0.0.0/8");
        assertThat(PublicRanges.parse("  ")).isSameAs(PublicRanges.NONE);
    }

    @Test
    void multiaddrsArePublicOnlyWithAPublicIpAndNoRelay() {
        PublicRanges testbed = PublicRanges.parse("127.0.0.0/8");
        assertThat(testbed.isPublic(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"))).isTrue();
        assertThat(PublicRanges.NONE.isPublic(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"))).isFalse();
        assertThat(PublicRanges.NONE.isPublic(Multiaddr.parse("/ip4/8.8.8.8/tcp/4001"))).isTrue();
        assertThat(PublicRanges.NONE.isPublic(Multiaddr.parse("/dns4/example.com/tcp/4001"))).isFalse();
        String relay = "/ip4/8.8.8.8/tcp/4001/p2p/" + Keys.generateEd25519().publicKey().peerId() + "/p2p-circuit";
        assertThat(PublicRanges.NONE.isPublic(Multiaddr.parse(relay))).isFalse();
    }

    @Test
    void tooManyOrEmptyRangesAreRefused() {
        String many = String.join(",", java.util.Collections.nCopies(PublicRanges.MAX_RANGES + 1, "10.0.0.0/8"));
        assertThatThrownBy(() -> PublicRanges.parse(many)).hasMessageContaining("at most " + PublicRanges.MAX_RANGES);
        String atLimit = String.join(",", java.util.Collections.nCopies(PublicRanges.MAX_RANGES, "10.0.0.0/8"));
        assertThat(PublicRanges.parse(atLimit).extraRanges()).hasSize(PublicRanges.MAX_RANGES);
        assertThatThrownBy(() -> PublicRanges.parse("10.0.0.0/8,,127.0.0.0/8")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> PublicRanges.parse("10.0.0.0/8,nonsense")).hasMessageContaining("'nonsense'");
    }
}
