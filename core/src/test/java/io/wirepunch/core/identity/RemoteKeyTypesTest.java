package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.pb.KeyProtos;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import java.security.SecureRandom;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** Keys and signatures made by other implementations (the JDK, BouncyCastle) verified by ours. */
class RemoteKeyTypesTest {
    private static final byte[] MESSAGE = "noise-libp2p-static-key:...".getBytes(StandardCharsets.UTF_8);

    @Test
    void secp256k1SignatureFromBouncyCastleVerifies() throws Exception {
        ECDomainParameters domain = new ECDomainParameters(CustomNamedCurves.getByName("secp256k1"));
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] compressed = ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(true);

        ECDSASigner signer = new ECDSASigner();
        signer.init(true, (ECPrivateKeyParameters) pair.getPrivate());
        BigInteger[] rs = signer.generateSignature(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        byte[] der = new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();

        PublicKey key = Keys.unmarshalPublic(marshal(KeyProtos.KeyType.Secp256k1, compressed));
        assertThat(key.type()).isEqualTo(KeyType.SECP256K1);
        assertThat(key.verify(MESSAGE, der)).isTrue();
        assertThat(key.verify(Arrays.copyOf(MESSAGE, 5), der)).isFalse();
        assertThat(key.peerId().toBase58()).startsWith("16Uiu2");

        byte[] trailingGarbage = Arrays.copyOf(der, der.length + 1);
        assertThat(key.verify(MESSAGE, trailingGarbage)).isFalse();
        assertThat(key.verify(MESSAGE, new byte[] {0x30, 0x00})).isFalse();
        assertThat(key.verify(MESSAGE, new byte[0])).isFalse();
    }

    @Test
    void secp256k1RejectsBadPointsAndSizes() {
        byte[] notOnCurve = new byte[33];
        notOnCurve[0] = 0x02;
        notOnCurve[32] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.Secp256k1, notOnCurve)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a point on the curve");
        byte[] uncompressedPrefix = notOnCurve.clone();
        uncompressedPrefix[0] = 0x04;
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.Secp256k1, uncompressedPrefix)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("33-byte compressed point");
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.Secp256k1, new byte[32])))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("got 32 bytes");
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.Secp256k1, new byte[32])))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("outside the curve order");
        byte[] aboveOrder = new byte[32];
        Arrays.fill(aboveOrder, (byte) 0xFF);
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.Secp256k1, aboveOrder)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("outside the curve order")
                .hasMessageNotContaining("ffff");
    }

    @Test
    void ecdsaP256SignatureFromTheJdkVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        byte[] der = signer.sign();

        PublicKey key = Keys.unmarshalPublic(marshal(KeyProtos.KeyType.ECDSA, pair.getPublic().getEncoded()));
        assertThat(key.verify(MESSAGE, der)).isTrue();
        assertThat(key.verify(Arrays.copyOf(MESSAGE, 5), der)).isFalse();
        assertThat(key.verify(MESSAGE, Arrays.copyOf(der, der.length - 1))).isFalse();
        assertThat(key.peerId().toBase58()).startsWith("Qm");
    }

    @Test
    void ecdsaRejectsOtherCurvesOffCurvePointsAndGarbage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384 = generator.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.ECDSA, p384)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not on P-256");

        byte[] spec = HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d03010703420004"
                + "de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62");
        byte[] offCurve = spec.clone();
        offCurve[offCurve.length - 1] ^= 1;
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.ECDSA, offCurve)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a point on P-256");
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.ECDSA, new byte[] {0x30, 0x03, 1, 2, 3})))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a PKIX DER EC key");
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.ECDSA, new byte[] {0x30, 0x03, 1, 2, 3})))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not SEC1 DER");
    }

    @Test
    void rsaSignatureFromTheJdkVerifiesAndItsPeerIdIsHashed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        PublicKey key = Keys.unmarshalPublic(marshal(KeyProtos.KeyType.RSA, pair.getPublic().getEncoded()));
        assertThat(key.verify(MESSAGE, signature)).isTrue();
        signature[10] ^= 1;
        assertThat(key.verify(MESSAGE, signature)).isFalse();
        assertThat(key.peerId().toBytes()).hasSize(34).startsWith(0x12, 0x20);
        assertThat(key.peerId().inlinedPublicKey()).isEmpty();
    }

    @Test
    void rsaKeySizesOutsideTheNamedLimitsAreRefused() throws Exception {
        byte[] small = rsaPublicKeyWithModulusBits(RsaKeys.MIN_KEY_BITS - 1);
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.RSA, small)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("below the minimum of 2048");
        byte[] large = rsaPublicKeyWithModulusBits(RsaKeys.MAX_KEY_BITS + 1);
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.RSA, large)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("exceeds the maximum of 8192");
        assertThat(Keys.unmarshalPublic(marshal(KeyProtos.KeyType.RSA, rsaPublicKeyWithModulusBits(RsaKeys.MIN_KEY_BITS))).type())
                .isEqualTo(KeyType.RSA);
        assertThatThrownBy(() -> Keys.unmarshalPublic(marshal(KeyProtos.KeyType.RSA, new byte[] {0x30, (byte) 0x82, 0x10})))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not a PKIX DER RSA key");
        assertThatThrownBy(() -> Keys.unmarshalPrivate(marshal(KeyProtos.KeyType.RSA, new byte[] {0x30, 0x01, 0x00})))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not PKCS#1 DER");
    }

    @Test
    void oversizeAndUnknownTypesAreRefused() {
        assertThatThrownBy(() -> Keys.unmarshalPublic(new byte[Keys.MAX_MARSHALLED_KEY_BYTES + 1]))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Keys.unmarshalPublic(new byte[] {0x08, 0x07, 0x12, 0x00}))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("malformed");
    }

    /** A syntactically valid RSA key of the given size; its modulus need not be a product of primes. */
    private static byte[] rsaPublicKeyWithModulusBits(int bits) throws Exception {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).setBit(0);
        return KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537))).getEncoded();
    }

    static byte[] marshal(KeyProtos.KeyType type, byte[] data) {
        return KeyProtos.PublicKey.newBuilder().setType(type).setData(ByteString.copyFrom(data)).build().toByteArray();
    }
}
