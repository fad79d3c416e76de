package io.wirepunch.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EndpointAndSubnetTest {

    @Test
    void endpointPortLimitsAreCrossed() {
        assertThat(Endpoint.parse("h:" + Endpoint.MIN_PORT).port()).hasValue(1);
        assertThat(Endpoint.parse("h:" + Endpoint.MAX_PORT).port()).hasValue(65535);
        assertThatThrownBy(() -> Endpoint.parse("h:0")).hasMessage("port 0 is outside 1–65535");
        assertThatThrownBy(() -> Endpoint.parse("h:65536")).hasMessage("port 65536 is outside 1–65535");
        assertThatThrownBy(() -> Endpoint.parse("h:080")).hasMessage("'080' is not a port");
        assertThatThrownBy(() -> Endpoint.parse("h:")).hasMessage("'' is not a port");
    }

    @Test
    void endpointHostForms() {
        assertThat(Endpoint.parse("Boot.Example.org")).isEqualTo(new Endpoint("Boot.Example.org", OptionalInt.empty()));
        assertThat(Endpoint.parse("192.0.2.1:4001").toString()).isEqualTo("192.0.2.1:4001");
        assertThat(Endpoint.parse("[2001:db8::1]").toString()).isEqualTo("[2001:db8::1]");
        assertThatThrownBy(() -> Endpoint.parse("192.0.2.256")).hasMessage("'192.0.2.256' is not an IPv4 address");
        assertThatThrownBy(() -> Endpoint.parse("[fe80::1%eth0]:1")).hasMessage("'fe80::1%eth0' is not an IPv6 address");
        assertThatThrownBy(() -> Endpoint.parse("[::ffff:192.0.2.1]")).hasMessage("'::ffff:192.0.2.1' is not an IPv6 address");
        assertThatThrownBy(() -> Endpoint.parse("[::1]x")).hasMessage("'[::1]x' has text after ']' that is not ':port'");
        assertThatThrownBy(() -> new Endpoint("a b", OptionalInt.empty()))
                .hasMessage("host 'a b' has a character other than letters, digits, '-' and '.'");
    }

    @Test
    void subnetHostNumbering() {
        Ipv4Subnet net = Ipv4Subnet.parse("192.168.7.0/30");
        assertThat(net.hostCount()).isEqualTo(2);
        assertThat(Ipv4Subnet.format(net.host(1))).isEqualTo("192.168.7.1");
        assertThat(Ipv4Subnet.format(net.host(2))).isEqualTo("192.168.7.2");
        assertThatThrownBy(() -> net.host(3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(net.hostIndex(Ipv4Subnet.parseAddress("192.168.7.3"))).isZero();
        assertThat(net.hostIndex(Ipv4Subnet.parseAddress("192.168.8.1"))).isZero();
        Ipv4Subnet high = Ipv4Subnet.parse("255.0.0.0/8");
        assertThat(Ipv4Subnet.format(high.host(high.hostCount()))).isEqualTo("255.255.255.254");
        assertThatThrownBy(() -> Ipv4Subnet.parseAddress("01.2.3.4")).hasMessage("'01.2.3.4' is not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Subnet.parseAddress("1.2.3")).hasMessage("'1.2.3' is not an IPv4 address");
        assertThatThrownBy(() -> new Ipv4Subnet(Ipv4Subnet.parseAddress("10.0.0.1"), 24)).hasMessage("host bits are set");
    }
}
