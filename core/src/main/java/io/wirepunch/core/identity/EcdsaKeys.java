package io.wirepunch.core.identity;

import io.wirepunch.core.crypto.der.DerException;
import io.wirepunch.core.crypto.der.DerReader;
import io.wirepunch.core.crypto.ec.Curve;
import io.wirepunch.core.crypto.ec.EcPoint;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * ECDSA keys on NIST P-256, the curve libp2p implementations generate: the public key is a PKIX
 * (X.509 SubjectPublicKeyInfo) DER structure, the private key SEC1 DER, signatures DER over
 * SHA-256. Other curves are refused by name. The JDK does the signatures; the project's curve
 * arithmetic checks the point, because the JDK accepts off-curve points when it decodes a key, and
 * derives the public point of a private key, which the JDK has no interface for.
 */
final class EcdsaKeys {
    /** SEC1 private keys carry the curve and the public point; a P-256 one is 121 bytes. */
    static final int MAX_PRIVATE_KEY_BYTES = 256;

    /** SEC1 (RFC 5915) ecPrivkeyVer1, the only version there is. */
    static final int SEC1_VERSION = 1;
    /** Content octets of the OBJECT IDENTIFIER 1.2.840.10045.3.1.7 (secp256r1, P-256). */
    private static final byte[] P256_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    private static final Curve P256 = Curve.P256;
    private static final ECParameterSpec JDK_P256 = jdkP256();

    private EcdsaKeys() {}

    static PublicKey publicFromRaw(byte[] der) {
        java.security.PublicKey decoded;
        try {
            decoded = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyException("ECDSA public key is not a PKIX DER EC key", e);
        }
        if (!(decoded instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new InvalidKeyException("ECDSA public key is not on P-256, the only ECDSA curve supported");
        }
        if (!Arrays.equals(decoded.getEncoded(), der)) {
            throw new InvalidKeyException("ECDSA public key is not in canonical PKIX DER (named curve, uncompressed point)");
        }
        requireOnCurve(ec.getW().getAffineX(), ec.getW().getAffineY());
        return new Public(der, ec);
    }

    static PrivateKey privateFromRaw(byte[] sec1) {
        if (sec1.length > MAX_PRIVATE_KEY_BYTES) {
            throw new InvalidKeyException("ECDSA private key of " + sec1.length + " bytes exceeds " + MAX_PRIVATE_KEY_BYTES);
        }
        BigInteger d;
        byte[] curveOid = null;
        byte[] storedPublic = null;
        try {
            DerReader outer = DerReader.of(sec1);
            DerReader key = outer.readSequence();
            outer.requireEnd();
            if (!key.readInteger().equals(BigInteger.valueOf(SEC1_VERSION))) {
                throw new DerException("ECPrivateKey version is not " + SEC1_VERSION);
            }
            d = new BigInteger(1, key.readOctetString());
            if (key.peekTag() == DerReader.TAG_EXPLICIT_0) {
                DerReader parameters = key.readExplicit(0);
                curveOid = parameters.peekTag() == DerReader.TAG_OBJECT_IDENTIFIER
                        ? parameters.readObjectIdentifier() : new byte[0];
            }
            if (key.peekTag() == DerReader.TAG_EXPLICIT_0 + 1) {
                DerReader publicKey = key.readExplicit(1);
                storedPublic = publicKey.readBitString();
                publicKey.requireEnd();
            }
            key.requireEnd();
        } catch (DerException e) {
            throw new InvalidKeyException("ECDSA private key is not SEC1 DER: " + e.getMessage());
        }
        if (curveOid != null && !Arrays.equals(curveOid, P256_OID)) {
            throw new InvalidKeyException("ECDSA private key is not on P-256, the only ECDSA curve supported");
        }
        if (d.signum() <= 0 || d.compareTo(P256.order()) >= 0) {
            throw new InvalidKeyException("ECDSA private key is outside the P-256 group order");
        }
        EcPoint q = P256.multiplyBase(d);
        if (storedPublic != null && !Arrays.equals(storedPublic, P256.encodeUncompressed(q))) {
            throw new InvalidKeyException("ECDSA private key does not match the public key stored with it");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.x(), q.y()),
                    JDK_P256));
            java.security.PrivateKey jdkPrivate = factory.generatePrivate(new ECPrivateKeySpec(d, JDK_P256));
            return new Private(sec1, jdkPrivate, new Public(pub.getEncoded(), pub));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("ECDSA private key cannot be loaded into the JDK");
        }
    }

    private static void requireOnCurve(BigInteger x, BigInteger y) {
        if (!P256.isOnCurve(x, y)) {
            throw new InvalidKeyException("ECDSA public key is not a point on P-256");
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(JDK_P256.getOrder())
                && params.getCurve().equals(JDK_P256.getCurve())
                && params.getGenerator().equals(JDK_P256.getGenerator());
    }

    private static ECParameterSpec jdkP256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available in this JVM", e);
        }
    }

    private static final class Public extends EncodedPublicKey {
        private final ECPublicKey jdkKey;

        Public(byte[] der, ECPublicKey jdkKey) {
            super(KeyType.ECDSA, der);
            this.jdkKey = jdkKey;
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            return JcaSignatures.verify("SHA256withECDSA", jdkKey, data, signature);
        }
    }

    private static final class Private extends EncodedPrivateKey {
        private final java.security.PrivateKey jdkKey;

        Private(byte[] sec1, java.security.PrivateKey jdkKey, PublicKey publicKey) {
            super(KeyType.ECDSA, sec1, publicKey);
            this.jdkKey = jdkKey;
        }

        @Override
        public byte[] sign(byte[] data) {
            return JcaSignatures.sign("SHA256withECDSA", jdkKey, data);
        }
    }
}
