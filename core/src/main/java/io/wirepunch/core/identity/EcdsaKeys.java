package io.wirepunch.core.identity;

import java.io.IOException;
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
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA keys on NIST P-256, the curve libp2p implementations generate: the public key is a PKIX
 * (X.509 SubjectPublicKeyInfo) DER structure, the private key SEC1 DER, signatures DER over
 * SHA-256. Other curves are refused by name. The JDK does the signatures; BouncyCastle checks the
 * point, because the JDK accepts off-curve points when it decodes a key.
 */
final class EcdsaKeys {
    /** SEC1 private keys carry the curve and the public point; a P-256 one is 121 bytes. */
    static final int MAX_PRIVATE_KEY_BYTES = 256;

    private static final X9ECParameters BC_P256 = CustomNamedCurves.getByName("secp256r1");
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
        org.bouncycastle.asn1.sec.ECPrivateKey parsed;
        try {
            parsed = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(sec1));
        } catch (IOException | RuntimeException e) {
            throw new InvalidKeyException("ECDSA private key is not SEC1 DER");
        }
        if (parsed.getParametersObject() != null
                && !SECObjectIdentifiers.secp256r1.equals(parsed.getParametersObject())) {
            throw new InvalidKeyException("ECDSA private key is not on P-256, the only ECDSA curve supported");
        }
        BigInteger d = parsed.getKey();
        if (d.signum() <= 0 || d.compareTo(BC_P256.getN()) >= 0) {
            throw new InvalidKeyException("ECDSA private key is outside the P-256 group order");
        }
        ECPoint q = BC_P256.getG().multiply(d).normalize();
        ASN1BitString storedPublic = parsed.getPublicKey();
        if (storedPublic != null && !Arrays.equals(storedPublic.getOctets(), q.getEncoded(false))) {
            throw new InvalidKeyException("ECDSA private key does not match the public key stored with it");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    JDK_P256));
            java.security.PrivateKey jdkPrivate = factory.generatePrivate(new ECPrivateKeySpec(d, JDK_P256));
            return new Private(sec1, jdkPrivate, new Public(pub.getEncoded(), pub));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("ECDSA private key cannot be loaded into the JDK");
        }
    }

    private static void requireOnCurve(BigInteger x, BigInteger y) {
        try {
            BC_P256.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("ECDSA public key is not a point on P-256", e);
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
