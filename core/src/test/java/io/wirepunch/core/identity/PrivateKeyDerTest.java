package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.crypto.der.DerReader;
import io.wirepunch.core.crypto.der.DerWriter;
import io.wirepunch.core.identity.pb.KeyProtos;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The private-key encodings parsed by the project's own DER reader: PKCS#1 (RSA) and SEC1 (ECDSA). */
class PrivateKeyDerTest {
    private static final byte[] MESSAGE = "private key formats".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] P256_OID = HexFormat.of().parseHex("06082a8648ce3d030107");
    private static final byte[] P384_OID = HexFormat.of().parseHex("06052b81040022");

    private static byte[] marshal(KeyProtos.KeyType type, byte[] data) {
        return KeyProtos.PrivateKey.newBuilder().setType(type).setData(ByteString.copyFrom(data)).build().toByteArray();
    }

    /** The PKCS#1 key inside the JDK's PKCS#8 encoding. */
    private static byte[] pkcs1Of(KeyPair pair) {
        DerReader pkcs8 = DerReader.of(pair.getPrivate().getEncoded()).readSequence();
        pkcs8.readInteger();
        pkcs8.readSequence();
        return pkcs8.readOctetString();
    }

    private static byte[] tagged(int tag, byte[] content) {
        byte[] element = DerWriter.sequence(content);
        element[0] = (byte) tag;
        return element;
    }

    private static byte[] sec1(int version, BigInteger d, byte[] curveOid, byte[] uncompressedPoint) {
        byte[] scalar = new byte[32];
        byte[] raw = d.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0;
        System.arraycopy(raw, skip, scalar, 32 - (raw.length - skip), raw.length - skip);
        byte[] octets = tagged(DerReader.TAG_OCTET_STRING, scalar);
        byte[] parameters = curveOid == null ? new byte[0] : tagged(DerReader.TAG_EXPLICIT_0, curveOid);
        byte[] publicKey = new byte[0];
        if (uncompressedPoint != null) {
            byte[] bits = new byte[uncompressedPoint.length + 1];
            System.arraycopy(uncompressedPoint, 0, bits, 1, uncompressedPoint.length);
            publicKey = tagged(DerReader.TAG_EXPLICIT_0 + 1, tagged(DerReader.TAG_BIT_STRING, bits));
        }
        return DerWriter.sequence(DerWriter.integer(BigInteger.valueOf(version)), octets, parameters, publicKey);
    }

    @Test
    void rsaPkcs1FromTheJdkSignsAndItsPublicKeyIsTheJdksAndBadVersionsOrTrailingBytesAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RsaKeys.MIN_KEY_BITS);
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs1 = pkcs1Of(pair);
        PrivateKey key = Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.RSA, pkcs1));
        assertThat(key.publicKey().raw()).isEqualTo(pair.getPublic().getEncoded());
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(pair.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(key.sign(MESSAGE))).isTrue();

        byte[] multiPrime = pkcs1.clone();
        int version = 4; // SEQUENCE header (30 82 xx xx), then INTEGER 02 01 00
        assertThat(multiPrime[version + 2]).isZero();
        multiPrime[version + 2] = 1;
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.RSA, multiPrime)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not PKCS#1 DER")
                .hasMessageContaining("version");
        byte[] trailing = java.util.Arrays.copyOf(pkcs1, pkcs1.length + 1);
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.RSA, trailing)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("unexpected bytes");
    }

    @Test
    void sec1WithAndWithoutItsOptionalFieldsLoadsAndOtherCurvesVersionsOrPointsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] point = java.util.Arrays.copyOfRange(x509, x509.length - 65, x509.length);

        for (byte[] sec1 : new byte[][] {sec1(1, d, P256_OID, point), sec1(1, d, null, null), sec1(1, d, P256_OID, null)}) {
            PrivateKey key = Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA, sec1));
            assertThat(key.publicKey().raw()).isEqualTo(x509);
            Signature jdk = Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(pair.getPublic());
            jdk.update(MESSAGE);
            assertThat(jdk.verify(key.sign(MESSAGE))).isTrue();
        }

        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA, sec1(1, d, P384_OID, null))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not on P-256");
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA, sec1(2, d, P256_OID, point))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not SEC1 DER").hasMessageContaining("version");
        byte[] otherPoint = point.clone();
        otherPoint[64] ^= 1;
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA, sec1(1, d, P256_OID, otherPoint))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA,
                sec1(1, new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16), null, null))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("outside the P-256 group order");
        assertThat(EcdsaKeys.SEC1_VERSION).isEqualTo(1);
        assertThat(RsaKeys.TWO_PRIME_VERSION).isZero();
    }
}
