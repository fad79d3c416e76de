package io.wirepunch.core.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class EcdsaTest {
    private static final X9ECParameters BC_K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters BC_DOMAIN = new ECDomainParameters(BC_K1);

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void secp256k1AgreesWithBouncyCastleBothWaysAndOnTheDeterministicNonce() throws Exception {
        Random random = new Random(6979);
        Curve k1 = Curve.SECP256K1;
        for (int i = 0; i < 40; i++) {
            BigInteger d = new BigInteger(256, random).mod(k1.order().subtract(BigInteger.ONE)).add(BigInteger.ONE);
            byte[] message = new byte[random.nextInt(100)];
            random.nextBytes(message);
            byte[] hash = sha256(message);

            EcPoint q = k1.multiplyBase(d);
            ECPoint bcQ = BC_K1.getG().multiply(d).normalize();
            assertThat(k1.encodeCompressed(q)).isEqualTo(bcQ.getEncoded(true));
            assertThat(k1.encodeUncompressed(q)).isEqualTo(bcQ.getEncoded(false));
            assertThat(k1.decompress(bcQ.getEncoded(true))).isEqualTo(q);

            BigInteger[] mine = Ecdsa.sign(k1, d, hash);
            ECDSASigner bcSigner = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            bcSigner.init(true, new ECPrivateKeyParameters(d, BC_DOMAIN));
            BigInteger[] theirs = bcSigner.generateSignature(hash);
            assertThat(mine).as("RFC 6979 nonces agree").containsExactly(theirs);

            ECDSASigner bcVerifier = new ECDSASigner();
            bcVerifier.init(false, new ECPublicKeyParameters(bcQ, BC_DOMAIN));
            assertThat(bcVerifier.verifySignature(hash, mine[0], mine[1])).isTrue();
            assertThat(Ecdsa.verify(k1, q, hash, theirs[0], theirs[1])).isTrue();
            // and the other half of the order: ECDSA accepts s and n - s alike
            assertThat(Ecdsa.verify(k1, q, hash, mine[0], k1.order().subtract(mine[1]))).isTrue();

            byte[] otherHash = hash.clone();
            otherHash[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
            assertThat(Ecdsa.verify(k1, q, otherHash, mine[0], mine[1])).isFalse();
            assertThat(Ecdsa.verify(k1, q, hash, mine[0].add(BigInteger.ONE), mine[1])).isFalse();
        }
    }

    @Test
    void rfc6979Secp256k1VectorWithKeyOne() throws Exception {
        // d = 1, SHA-256("Satoshi Nakamoto"): the widely published deterministic secp256k1 vector
        byte[] hash = sha256("Satoshi Nakamoto".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        BigInteger[] rs = Ecdsa.sign(Curve.SECP256K1, BigInteger.ONE, hash);
        assertThat(rs[0].toString(16)).isEqualTo("934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8");
        BigInteger n = Curve.SECP256K1.order();
        BigInteger lowS = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
        assertThat(lowS.toString(16)).isEqualTo("2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    }

    @Test
    void p256PointsAndSignaturesAgreeWithTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Curve p256 = Curve.P256;
        for (int i = 0; i < 10; i++) {
            KeyPair pair = generator.generateKeyPair();
            BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
            java.security.spec.ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
            EcPoint q = p256.multiplyBase(d);
            assertThat(q).isEqualTo(new EcPoint(w.getAffineX(), w.getAffineY()));
            assertThat(p256.isOnCurve(q.x(), q.y())).isTrue();
            assertThat(p256.isOnCurve(q.x(), q.y().add(BigInteger.ONE))).isFalse();

            byte[] message = ("message " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            BigInteger[] rs = Ecdsa.sign(p256, d, sha256(message));
            Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdk.initVerify(KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(w, ((ECPublicKey) pair.getPublic()).getParams())));
            jdk.update(message);
            byte[] p1363 = new byte[64];
            p256.writeFixed(rs[0], p1363, 0);
            p256.writeFixed(rs[1], p1363, 32);
            assertThat(jdk.verify(p1363)).isTrue();
        }
    }

    @Test
    void badPointsScalarsAndHashesAreRefused() {
        Curve k1 = Curve.SECP256K1;
        byte[] notOnCurve = new byte[33];
        notOnCurve[0] = 2;
        notOnCurve[32] = 5; // x = 5: 125 + 7 = 132 is not a square mod p
        assertThat(k1.decompress(notOnCurve)).isNull();
        byte[] xTooLarge = HexFormat.of().parseHex("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
        assertThat(k1.decompress(xTooLarge)).isNull();
        assertThat(k1.decompress(new byte[32])).isNull();
        assertThatThrownBy(() -> k1.multiplyBase(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k1.multiplyBase(k1.order())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ecdsa.sign(k1, BigInteger.ONE, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Ecdsa.HASH_BYTES + "-byte");
        EcPoint g = k1.generator();
        assertThat(Ecdsa.verify(k1, g, new byte[32], BigInteger.ZERO, BigInteger.ONE)).isFalse();
        assertThat(Ecdsa.verify(k1, g, new byte[32], BigInteger.ONE, k1.order())).isFalse();
        assertThat(Ecdsa.verify(k1, g, new byte[32], BigInteger.ONE.negate(), BigInteger.ONE)).isFalse();
    }

    @Test
    void theLargestScalarAndTheSmallestGiveOppositePoints() {
        for (Curve curve : new Curve[] {Curve.SECP256K1, Curve.P256}) {
            EcPoint one = curve.multiplyBase(BigInteger.ONE);
            EcPoint minusOne = curve.multiplyBase(curve.order().subtract(BigInteger.ONE));
            assertThat(one).isEqualTo(curve.generator());
            assertThat(minusOne.x()).isEqualTo(one.x());
            assertThat(minusOne.y().add(one.y())).isEqualTo(curve == Curve.P256
                    ? new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16)
                    : new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16));
        }
    }
}
