package io.wirepunch.core.protocol.kad.routing;

import static io.wirepunch.core.protocol.kad.routing.TestPeers.addresses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkGroupTest {
    @Test
    void ipv4PeersShareAGroupPerSlash24() {
        assertThat(NetworkGroup.of(addresses("/ip4/1.2.3.4/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip4/1.2.3.200/udp/9/quic-v1")))
                .isNotEqualTo(NetworkGroup.of(addresses("/ip4/1.2.4.4/tcp/1")));
        assertThat(NetworkGroup.of(addresses("/ip4/1.2.3.4/tcp/1")).prefix()).isEqualTo("ip4/1.2.3.0/24");
    }

    @Test
    void ipv6PeersShareAGroupPerSlash48() {
        assertThat(NetworkGroup.of(addresses("/ip6/2001:db8:1:2::1/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip6/2001:db8:1:ffff::9/tcp/1")))
                .isNotEqualTo(NetworkGroup.of(addresses("/ip6/2001:db8:2::1/tcp/1")));
    }

    @Test
    void mappedIpv4CountsAsIpv4() {
        assertThat(NetworkGroup.of(addresses("/ip6/::ffff:1.2.3.4/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip4/1.2.3.9/tcp/1")));
    }

    @Test
    void theFirstPublicAddressDecidesElseTheFirstOfAnyKind() {
        assertThat(NetworkGroup.of(addresses("/ip4/192.168.1.5/tcp/1", "/ip4/127.0.0.1/tcp/1", "/ip4/8.8.8.8/tcp/1",
                "/ip4/9.9.9.9/tcp/1"))).isEqualTo(NetworkGroup.of(addresses("/ip4/8.8.8.1/tcp/1")));
        assertThat(NetworkGroup.of(addresses("/ip4/192.168.1.5/tcp/1", "/ip4/10.0.0.1/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip4/192.168.1.77/tcp/1")));
        assertThat(NetworkGroup.of(addresses("/ip4/100.64.1.1/tcp/1", "/ip6/fd00::1/tcp/1", "/ip6/2001:db8::1/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip6/2001:db8::2/tcp/1")));
    }

    @Test
    void relayAndDnsAddressesDoNotCount() {
        String relayed = "/ip4/5.6.7.8/tcp/1/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN/p2p-circuit";
        assertThat(NetworkGroup.of(addresses(relayed, "/dns4/example.com/tcp/1"))).isEqualTo(NetworkGroup.NONE);
        assertThat(NetworkGroup.of(addresses(relayed, "/ip4/1.1.1.1/tcp/1")))
                .isEqualTo(NetworkGroup.of(addresses("/ip4/1.1.1.2/tcp/1")));
        assertThat(NetworkGroup.of(List.of())).isEqualTo(NetworkGroup.NONE);
        assertThat(NetworkGroup.NONE.isLimited()).isFalse();
    }
}
