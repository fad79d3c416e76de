package io.wirepunch.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireGuardKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Seed, Ed25519 public key, clamped X25519 scalar and X25519 public key in WireGuard's form, as
     * computed outside this code base: the keys by OpenSSL (through Python's cryptography package:
     * Ed25519 from the seed, X25519 public key from the scalar), the map u = (1 + y) / (1 - y) by
     * plain big-integer arithmetic, and both sides compared there; Node's crypto gives the same X25519
     * public keys from the scalars. The first seed is RFC 8032's test 1.
     */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, 307c83864f2833cb427a2ef1c00a013cfdff2768d980c0a3a520f006904de94f, 2F4H7CKwrYgVN8L0TWYtGhQ8+DDFespDBdhcepD2ti4=",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 68bd9ed75882d52815a97585caf4790a7f6c6b3b7f821c5e259a24b02e502e51, JccExZS4ivwAp2tp0e0rmE1+IlUPPtCALQT7zQfTjUc=",
        "0000000000000000000000000000000000000000000000000000000000000001, 4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29, f068e2f7ccc3eee220065e1dc937d34d548ec59be6488fea5ae1397e63f81c52, 2S9e6qJP1OZiIcdw9wSl4mOaR2urgs/sQL0odKvrSB8=",
    })
    void matchesIndependentVectors(String seed, String ed25519Public, String x25519Private, String wireGuardPublic) {
        PrivateKey key = fromSeed(HEX.parseHex(seed));
        assertThat(HEX.formatHex(key.publicKey().raw())).isEqualTo(ed25519Public);
        assertThat(HEX.formatHex(WireGuardKeys.privateKey(key))).isEqualTo(x25519Private);
        assertThat(WireGuardKeys.toText(WireGuardKeys.publicKey(key.publicKey()))).isEqualTo(wireGuardPublic);
    }

    @Test
    void privateScalarTimesBasePointIsTheDerivedPublicKey() throws Exception {
        for (int i = 0; i < 32; i++) {
            PrivateKey key = Keys.generateEd25519();
            byte[] scalar = WireGuardKeys.privateKey(key);
            assertThat(x25519Base(scalar)).isEqualTo(WireGuardKeys.publicKey(key.publicKey()));
        }
    }

    @Test
    void scalarIsClamped() {
        byte[] scalar = WireGuardKeys.privateKey(Keys.generateEd25519());
        assertThat(scalar[0] & 7).isZero();
        assertThat(scalar[31] & 0x80).isZero();
        assertThat(scalar[31] & 0x40).isEqualTo(0x40);
    }

    @Test
    void textIsStandardBase64Of44Characters() {
        byte[] key = WireGuardKeys.publicKey(Keys.generateEd25519().publicKey());
        String text = WireGuardKeys.toText(key);
        assertThat(text).hasSize(WireGuardKeys.TEXT_LENGTH).endsWith("=");
        assertThat(Base64.getDecoder().decode(text)).isEqualTo(key);
        assertThat(WireGuardKeys.fromText(text)).isEqualTo(key);
    }

    @Test
    void textParsingIsStrict() {
        String good = "2F4H7CKwrYgVN8L0TWYtGhQ8+DDFespDBdhcepD2ti4=";
        assertThatThrownBy(() -> WireGuardKeys.fromText(good.substring(1))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("44");
        assertThatThrownBy(() -> WireGuardKeys.fromText(good.replace('+', '-'))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("base64");
        // the last character's unused bits set: decodes, but is not the canonical spelling
        assertThatThrownBy(() -> WireGuardKeys.fromText(good.replace("ti4=", "ti5="))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> WireGuardKeys.toText(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignOfXDoesNotChangeTheX25519Key() {
        byte[] raw = Keys.generateEd25519().publicKey().raw();
        byte[] flipped = raw.clone();
        flipped[31] ^= (byte) 0x80;
        assertThat(WireGuardKeys.publicKeyFromEd25519(flipped)).isEqualTo(WireGuardKeys.publicKeyFromEd25519(raw));
    }

    @Test
    void refusesTheNeutralPointAndNonCanonicalY() {
        byte[] neutral = new byte[32];
        neutral[0] = 1; // y = 1
        assertThatThrownBy(() -> WireGuardKeys.publicKeyFromEd25519(neutral)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("neutral");
        byte[] big = new byte[32];
        Arrays.fill(big, (byte) 0xff);
        big[31] = 0x7f; // y = 2^255 - 1 ≥ p
        assertThatThrownBy(() -> WireGuardKeys.publicKeyFromEd25519(big)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> WireGuardKeys.publicKeyFromEd25519(new byte[31])).isInstanceOf(InvalidKeyException.class);
    }

    static PrivateKey fromSeed(byte[] seed) {
        byte[] marshalled = new byte[4 + seed.length];
        marshalled[0] = 0x08; // field 1 (type), varint
        marshalled[1] = 0x01; // Ed25519
        marshalled[2] = 0x12; // field 2 (data), bytes
        marshalled[3] = (byte) seed.length;
        System.arraycopy(seed, 0, marshalled, 4, seed.length);
        return Keys.unmarshalPrivate(marshalled);
    }

    /** X25519(scalar, 9) by the JDK's XDH, an implementation independent of the code under test. */
    private static byte[] x25519Base(byte[] scalar) throws Exception {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar)));
        agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))), true);
        return agreement.generateSecret();
    }
}
