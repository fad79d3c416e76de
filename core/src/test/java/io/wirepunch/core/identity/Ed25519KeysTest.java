package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    @Test
    void signsAndVerifiesAndRoundTripsThroughProtobuf() {
        PrivateKey key = Keys.generateEd25519();
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(msg);
        assertThat(key.publicKey().verify(msg, sig)).isTrue();
        assertThat(key.publicKey().verify("hellO".getBytes(StandardCharsets.UTF_8), sig)).isFalse();

        PrivateKey again = Keys.unmarshalPrivate(key.marshal());
        assertThat(again.publicKey()).isEqualTo(key.publicKey());
        assertThat(Keys.unmarshalPublic(key.publicKey().marshal())).isEqualTo(key.publicKey());
        assertThat(key.toString()).doesNotContain(HexFormat.of().formatHex(key.raw()).substring(0, 16));
    }

    @Test
    void peerIdOfEd25519KeyIsInlinedAndStartsWith12D3KooW() {
        PrivateKey key = Keys.generateEd25519();
        PeerId id = key.publicKey().peerId();
        assertThat(id.toBase58()).startsWith("12D3KooW");
        assertThat(PeerId.fromBase58(id.toBase58())).isEqualTo(id);
        assertThat(id.inlinedPublicKey()).contains(key.publicKey());
    }

    @Test
    void knownVectorFromThePeerIdSpec() {
        // Ed25519 private key from the libp2p peer-ids spec's test vectors.
        byte[] priv = HexFormat.of().parseHex(
                "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e");
        PrivateKey key = Keys.unmarshalPrivate(priv);
        assertThat(HexFormat.of().formatHex(key.publicKey().marshal()))
                .isEqualTo("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e");
        assertThat(key.marshal()).isEqualTo(priv);
    }

    @Test
    void rejectsMismatchedAndTruncatedKeys() {
        byte[] priv = Keys.generateEd25519().marshal();
        priv[priv.length - 1] ^= 1;
        assertThatThrownBy(() -> Keys.unmarshalPrivate(priv)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> Keys.unmarshalPublic(new byte[] {8, 1, 18, 3, 1, 2, 3}))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Keys.unmarshalPublic(new byte[] {8, 1, 18, 100, 1}))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> PeerId.fromBase58("12D3KooW0OIl")).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("invalid base58 character '0'");
    }
}
