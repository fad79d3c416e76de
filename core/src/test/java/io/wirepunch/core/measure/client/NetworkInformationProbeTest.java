package io.wirepunch.core.measure.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkInformationProbeTest {
    @Test
    void onlyGlobalUnicastIpv6CountsAsIpv6Support() throws Exception {
        assertThat(NetworkInformationProbe.isGlobalIpv6(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(NetworkInformationProbe.isGlobalIpv6(InetAddress.getByName("2a00:1450:4001::1"))).isTrue();
        for (String local : new String[] {"::1", "fe80::1", "fd12:3456::1", "fc00::1", "fec0::1", "ff02::1", "::",
            "192.0.2.1", "127.0.0.1"}) {
            assertThat(NetworkInformationProbe.isGlobalIpv6(InetAddress.getByName(local))).as(local).isFalse();
        }
    }

    @Test
    void theProbeAnswersOneWayOrTheOther() {
        var info = NetworkInformationProbe.probe();
        assertThat(info.hasSupportsIpv6() != info.hasSupportsIpv6Error()).as("%s", info).isTrue();
        assertThat(info.hasRouterLoginHtml()).isFalse();
    }
}
