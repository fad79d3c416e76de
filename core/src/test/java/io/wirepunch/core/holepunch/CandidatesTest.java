package io.wirepunch.core.holepunch;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private static final PublicRanges TESTBED = PublicRanges.parse("198.51.100.0/24");

    @Test
    void dialsOnlyPlainPublicTcpAddressesOnce() {
        List<Multiaddr> offered = List.of(
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"),
                Multiaddr.parse("/ip4/10.0.1.10/tcp/4001"),
                Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.2/udp/4001/quic-v1"),
                Multiaddr.parse("/dns4/example.com/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.9/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA/p2p-circuit"),
                Multiaddr.parse("/ip4/198.51.100.2/tcp/0"),
                Multiaddr.parse("/ip4/198.51.100.3/tcp/4002"));

        assertThat(Candidates.dialable(offered, TESTBED, Set.of())).containsExactly(
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"), Multiaddr.parse("/ip4/198.51.100.3/tcp/4002"));
    }

    @Test
    void hundredsOfAddressesAreCutToTheCap() {
        List<Multiaddr> offered = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            offered.add(Multiaddr.parse("/ip4/198.51.100." + i + "/tcp/4001"));
        }

        List<Multiaddr> dialled = Candidates.dialable(offered, TESTBED, Set.of());

        assertThat(dialled).hasSize(Candidates.MAX_DIALLED).containsExactlyElementsOf(offered.subList(0, Candidates.MAX_DIALLED));
    }

    @Test
    void neverDialsOneOfOurOwnAddressesButDoesDialOurIpAtAnotherPort() {
        List<Multiaddr> offered = List.of(Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4002"));

        assertThat(Candidates.dialable(offered, TESTBED, Set.of(new InetSocketAddress("198.51.100.2", 4001))))
                .containsExactly(Multiaddr.parse("/ip4/198.51.100.2/tcp/4002"));
    }

    @Test
    void withoutDeclaredRangesDocumentationAddressesAreNotPublic() {
        assertThat(Candidates.dialable(List.of(Multiaddr.parse("/ip4/198.51.100.2/tcp/4001")), PublicRanges.NONE, Set.of()))
                .isEmpty();
    }

    @Test
    void ownAddressesPutObservedFirstAndStopAtTheLimit() {
        List<Multiaddr> observed = List.of(Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"));
        List<Multiaddr> advertised = List.of(Multiaddr.parse("/ip4/10.0.1.10/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"), Multiaddr.parse("/ip4/198.51.100.7/tcp/4001"));

        assertThat(Candidates.own(advertised, observed, TESTBED, 32)).containsExactly(
                Multiaddr.parse("/ip4/198.51.100.2/tcp/4001"), Multiaddr.parse("/ip4/198.51.100.7/tcp/4001"));
        assertThat(Candidates.own(advertised, observed, TESTBED, 1)).hasSize(1);
    }
}
