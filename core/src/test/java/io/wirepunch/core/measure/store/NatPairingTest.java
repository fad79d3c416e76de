package io.wirepunch.core.measure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NatPairingTest {
    private static final String RELAYED = "/ip4/198.51.100.1/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN/p2p-circuit";

    @Test
    void aDirectConnectionToAnOfferedAddressMakesTheRemoteEndpointIndependent() {
        assertThat(NatPairing.of(false, List.of("/ip4/192.168.1.2/tcp/4001", "/ip4/203.0.113.2/tcp/4001"),
                List.of("/ip4/203.0.113.9/tcp/4001"), List.of(RELAYED, "/ip4/203.0.113.9/tcp/4001")))
                .isEqualTo("UNKNOWN/ENDPOINT_INDEPENDENT");
        // The /p2p suffix does not matter.
        assertThat(NatPairing.of(false, List.of(), List.of("/ip4/203.0.113.9/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN"),
                List.of("/ip4/203.0.113.9/tcp/4001"))).isEqualTo("UNKNOWN/ENDPOINT_INDEPENDENT");
    }

    @Test
    void severalPortsOnOneAddressAndTransportAreEndpointDependent() {
        assertThat(NatPairing.of(false, List.of("/ip4/203.0.113.2/tcp/4001", "/ip4/203.0.113.2/tcp/53211"),
                List.of("/ip4/203.0.113.9/tcp/61000", "/ip4/203.0.113.9/tcp/61007"), List.of(RELAYED)))
                .isEqualTo("ENDPOINT_DEPENDENT/ENDPOINT_DEPENDENT");
        // Even if a direct connection came about (a port prediction, or a lucky guess).
        assertThat(NatPairing.of(true, List.of(), List.of("/ip4/203.0.113.9/tcp/61000", "/ip4/203.0.113.9/tcp/61007"),
                List.of("/ip4/203.0.113.9/tcp/61000"))).isEqualTo("PORT_MAPPED/ENDPOINT_DEPENDENT");
    }

    @Test
    void oneMappingPerTransportOrAddressTellsNothing() {
        List<String> onePerTransport = List.of("/ip4/203.0.113.9/tcp/4001", "/ip4/203.0.113.9/udp/4001/quic-v1",
                "/ip6/2001:db8::9/tcp/4002", "/ip4/203.0.113.10/tcp/4002", RELAYED, "/dns4/example.com/tcp/1");
        assertThat(NatPairing.severalPorts(onePerTransport)).isFalse();
        assertThat(NatPairing.of(false, onePerTransport, onePerTransport, List.of(RELAYED))).isEqualTo("UNKNOWN/UNKNOWN");
        assertThat(NatPairing.of(false, List.of(), List.of(), List.of())).isEqualTo("UNKNOWN/UNKNOWN");
        assertThat(NatPairing.severalPorts(List.of("/ip4/203.0.113.9/udp/4001/quic-v1", "/ip4/203.0.113.9/udp/4002/quic-v1")))
                .isTrue();
    }
}
