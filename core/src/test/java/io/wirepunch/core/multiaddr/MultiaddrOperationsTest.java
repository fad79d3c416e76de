package io.wirepunch.core.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class MultiaddrOperationsTest {
    private static final PeerId RELAY = PeerId.parse(MultiaddrCodecTest.QM);
    private static final PeerId TARGET = PeerId.parse(MultiaddrCodecTest.ED);

    @Test
    void peerIdIsTheFinalP2pComponent() {
        Multiaddr relayed = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + RELAY + "/p2p-circuit/p2p/" + TARGET);
        assertThat(relayed.peerId()).contains(TARGET);
        assertThat(relayed.isCircuit()).isTrue();
        assertThat(relayed.withoutPeerId().toString()).isEqualTo("/ip4/1.2.3.4/tcp/1/p2p/" + RELAY + "/p2p-circuit");
        assertThat(relayed.withoutPeerId().peerId()).isEmpty();
        assertThat(relayed.withoutPeerId().withPeerId(TARGET)).isEqualTo(relayed);
        assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/1").isCircuit()).isFalse();
    }

    @Test
    void withPeerIdAppendsKeepsOrRefuses() {
        Multiaddr plain = Multiaddr.parse("/ip4/1.2.3.4/tcp/1");
        Multiaddr named = plain.withPeerId(TARGET);
        assertThat(named.toString()).isEqualTo("/ip4/1.2.3.4/tcp/1/p2p/" + TARGET);
        assertThat(named.withPeerId(TARGET)).isSameAs(named);
        assertThatThrownBy(() -> named.withPeerId(RELAY)).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("already names peer " + TARGET);
        assertThat(plain.withoutPeerId()).isSameAs(plain);
    }

    @Test
    void encapsulateAndDecapsulate() {
        Multiaddr relay = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + RELAY);
        Multiaddr relayed = relay.encapsulate("/p2p-circuit").encapsulate(Multiaddr.parse("/p2p/" + TARGET));
        assertThat(relayed.decapsulate(Protocol.P2P_CIRCUIT)).isEqualTo(relay);
        assertThat(relayed.decapsulate(Multiaddr.parse("/p2p-circuit/p2p/" + TARGET))).isEqualTo(relay);
        assertThat(relayed.decapsulate(Protocol.IP4).isEmpty()).isTrue();
        assertThat(relayed.decapsulate(Protocol.DNS)).isSameAs(relayed);
        assertThat(relayed.decapsulate(Multiaddr.parse("/tcp/2"))).isSameAs(relayed);
        assertThat(Multiaddr.parse("/tcp/1/tcp/1").decapsulate(Multiaddr.parse("/tcp/1")).toString()).isEqualTo("/tcp/1");
    }

    @Test
    void socketAddressConversions() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 4001);
        assertThat(Multiaddr.fromInetSocketAddress(v4).toString()).isEqualTo("/ip4/10.0.0.1/tcp/4001");
        assertThat(Multiaddr.fromInetSocketAddress(v4).toInetSocketAddress()).isEqualTo(v4);

        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 443);
        assertThat(Multiaddr.fromInetSocketAddress(v6).toString()).isEqualTo("/ip6/2001:db8::7/tcp/443");
        assertThat(Multiaddr.fromInetSocketAddress(v6).toInetSocketAddress()).isEqualTo(v6);

        assertThat(Multiaddr.parse("/ip4/127.0.0.1/tcp/5/p2p/" + TARGET).toInetSocketAddress())
                .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5));
        assertThatThrownBy(() -> Multiaddr.parse("/dns4/example.com/tcp/1").toInetSocketAddress())
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("does not start with /ip4");
        assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.4/udp/1/quic-v1").toInetSocketAddress())
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("does not start with /ip4");
        assertThatThrownBy(() -> Multiaddr.fromInetSocketAddress(InetSocketAddress.createUnresolved("example.com", 1)))
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("unresolved");
    }

    @Test
    void limitsOnLengthAndComponentsAreEnforced() {
        String atLimit = "/tcp/1".repeat(Multiaddr.MAX_COMPONENTS);
        assertThat(Multiaddr.parse(atLimit).components()).hasSize(Multiaddr.MAX_COMPONENTS);
        assertThatThrownBy(() -> Multiaddr.parse(atLimit + "/tcp/1")).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("more than " + Multiaddr.MAX_COMPONENTS + " components");
        assertThatThrownBy(() -> Multiaddr.parse(atLimit).encapsulate("/tcp/1")).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("more than " + Multiaddr.MAX_COMPONENTS);

        String longText = "/dns/" + "a".repeat(Multiaddr.MAX_TEXT_CHARS);
        assertThatThrownBy(() -> Multiaddr.parse(longText)).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("exceeds " + Multiaddr.MAX_TEXT_CHARS)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
        assertThatThrownBy(() -> Multiaddr.parse("/dns/" + "a".repeat(Protocol.MAX_NAME_BYTES + 1)))
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("dns name of 256 bytes exceeds 255");
        String longDns = "/dns/" + "a".repeat(Protocol.MAX_NAME_BYTES);
        assertThatThrownBy(() -> Multiaddr.parse(longDns + longDns + longDns))
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("exceeds " + Multiaddr.MAX_BYTES);
        assertThatThrownBy(() -> Multiaddr.fromBytes(new byte[Multiaddr.MAX_BYTES + 1]))
                .isInstanceOf(MultiaddrException.class).hasMessageContaining("exceeds " + Multiaddr.MAX_BYTES);
    }

    @Test
    void componentsAreBuiltAndValidatedLikeParsedOnes() {
        Multiaddr built = Multiaddr.of(Component.of(Protocol.IP4, "1.2.3.4"), Component.of(Protocol.UDP, "9"),
                Component.of(Protocol.QUIC_V1));
        assertThat(built).isEqualTo(Multiaddr.parse("/ip4/1.2.3.4/udp/9/quic-v1"));
        assertThat(built.components().get(1).valueText()).isEqualTo("9");
        assertThatThrownBy(() -> Component.ofBytes(Protocol.IP4, new byte[3])).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("ip4 value must be 4 bytes, got 3");
        assertThatThrownBy(() -> Component.of(Protocol.QUIC_V1, "x")).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> Component.of(Protocol.TCP)).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("missing value for /tcp");
        PeerId generated = Keys.generateEd25519().publicKey().peerId();
        assertThat(Multiaddr.parse("/p2p/" + generated.toCid()).peerId()).contains(generated);
    }
}
