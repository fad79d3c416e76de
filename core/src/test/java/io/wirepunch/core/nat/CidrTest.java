package io.wirepunch.core.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void containsAddressesInsideItsPrefixOnly() throws Exception {
        Cidr doc = Cidr.parse("203.0.113.0/24");
        assertThat(doc.contains(ip("203.0.113.0"))).isTrue();
        assertThat(doc.contains(ip("203.0.113.255"))).isTrue();
        assertThat(doc.contains(ip("203.0.114.0"))).isFalse();
        assertThat(doc.contains(ip("2001:db8::1"))).isFalse();
        assertThat(doc.isIpv4()).isTrue();
        assertThat(doc.prefixLength()).isEqualTo(24);
    }

    @Test
    void prefixesThatDoNotEndOnAByte() throws Exception {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertThat(cgnat.contains(ip("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(ip("100.128.0.0"))).isFalse();
        Cidr v6 = Cidr.parse("fc00::/7");
        assertThat(v6.contains(ip("fdff::1"))).isTrue();
        assertThat(v6.contains(ip("fe00::1"))).isFalse();
    }

    @Test
    void zeroAndFullPrefixesAndBareAddresses() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("2606:4700::1"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("8.8.8.8"))).isFalse();
        Cidr one = Cidr.parse("198.51.100.7");
        assertThat(one.prefixLength()).isEqualTo(32);
        assertThat(one.contains(ip("198.51.100.7"))).isTrue();
        assertThat(one.contains(ip("198.51.100.8"))).isFalse();
        assertThat(Cidr.parse(" 2001:db8::/32 ")).isEqualTo(Cidr.parse("2001:db8::/32"));
    }

    @Test
    void printsItsCanonicalForm() {
        assertThat(Cidr.parse("2001:0db8:0000::/32")).hasToString("2001:db8::/32");
        assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.around(InetAddressOf.v4(192, 0, 2, 77), 24)).hasToString("192.0.2.0/24");
    }

    @Test
    void refusesBadInputWithTheReason() {
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/33")).hasMessageContaining("longer than the 32 bits");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129")).hasMessageContaining("longer than the 128 bits");
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/")).hasMessageContaining("prefix length ''");
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/-1")).hasMessageContaining("prefix length '-1'");
        assertThatThrownBy(() -> Cidr.parse("203.0.113.0/2x")).hasMessageContaining("prefix length '2x'");
        assertThatThrownBy(() -> Cidr.parse("203.0.113.5/24"))
                .hasMessageContaining("bits set past its /24").hasMessageContaining("203.0.113.0/24");
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("256.0.0.0/8")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("010.0.0.0/8")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("fe80::1%eth0/64")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("1:2:3/64")).hasMessageContaining("not an IPv4 or IPv6 address");
    }

    /** Addresses from bytes, without any name lookup. */
    static final class InetAddressOf {
        static InetAddress v4(int a, int b, int c, int d) {
            try {
                return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
