package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InterfaceAddressesTest {

    @Test
    void aSpecificAddressStaysAsItIs() {
        assertThat(InterfaceAddresses.expand(new InetSocketAddress("127.0.0.1", 4001)))
                .containsExactly(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
    }

    @Test
    void theIpv4WildcardBecomesEveryInterfaceAddressWithThePort() {
        var expanded = InterfaceAddresses.expand(new InetSocketAddress("0.0.0.0", 4001));
        assertThat(expanded).contains(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"))
                .allSatisfy(a -> assertThat(a.toString()).startsWith("/ip4/").endsWith("/tcp/4001")
                        .doesNotStartWith("/ip4/0.0.0.0"));
    }
}
