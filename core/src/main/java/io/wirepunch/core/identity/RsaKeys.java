package io.wirepunch.core.identity;

import io.wirepunch.core.crypto.der.DerException;
import io.wirepunch.core.crypto.der.DerReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * RSA keys as libp2p encodes them: the public key in PKIX DER, the private key in PKCS#1 DER,
 * signatures RSASSA-PKCS1-v1_5 with SHA-256. Key sizes are bounded as go-libp2p bounds them:
 * smaller keys are weak, larger ones let a peer make us spend seconds per verification.
 */
final class RsaKeys {
    public static final int MIN_KEY_BITS = 2048;
    public static final int MAX_KEY_BITS = 8192;
    /** PKCS#1 version 0, two primes; version 1 (multi-prime) keys are not something libp2p writes. */
    static final int TWO_PRIME_VERSION = 0;

    /** The integers of a PKCS#1 RSAPrivateKey after its version, in order. */
    private record Pkcs1(BigInteger modulus, BigInteger publicExponent, BigInteger privateExponent,
                         BigInteger prime1, BigInteger prime2, BigInteger exponent1, BigInteger exponent2,
                         BigInteger coefficient) {}

    private RsaKeys() {}

    static PublicKey publicFromRaw(byte[] der) {
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyException("RSA public key is not a PKIX DER RSA key", e);
        }
        checkSize(key.getModulus(), key.getPublicExponent());
        if (!Arrays.equals(key.getEncoded(), der)) {
            throw new InvalidKeyException("RSA public key is not in canonical PKIX DER");
        }
        return new Public(der, key);
    }

    static PrivateKey privateFromRaw(byte[] pkcs1) {
        Pkcs1 parsed;
        try {
            parsed = parsePkcs1(pkcs1);
        } catch (DerException e) {
            throw new InvalidKeyException("RSA private key is not PKCS#1 DER: " + e.getMessage());
        }
        checkSize(parsed.modulus(), parsed.publicExponent());
        if (!parsed.prime1().multiply(parsed.prime2()).equals(parsed.modulus())) {
            throw new InvalidKeyException("RSA private key is inconsistent: its primes do not give its modulus");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            java.security.PrivateKey jdkPrivate = factory.generatePrivate(new RSAPrivateCrtKeySpec(
                    parsed.modulus(), parsed.publicExponent(), parsed.privateExponent(),
                    parsed.prime1(), parsed.prime2(), parsed.exponent1(), parsed.exponent2(),
                    parsed.coefficient()));
            RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(parsed.modulus(), parsed.publicExponent()));
            return new Private(pkcs1, jdkPrivate, new Public(pub.getEncoded(), pub));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("RSA private key cannot be loaded into the JDK");
        }
    }

    private static Pkcs1 parsePkcs1(byte[] der) {
        DerReader outer = DerReader.of(der);
        DerReader key = outer.readSequence();
        outer.requireEnd();
        if (!key.readInteger().equals(BigInteger.valueOf(TWO_PRIME_VERSION))) {
            throw new DerException("RSAPrivateKey version is not " + TWO_PRIME_VERSION + " (two primes)");
        }
        BigInteger[] values = new BigInteger[8];
        for (int i = 0; i < values.length; i++) {
            values[i] = key.readInteger();
        }
        key.requireEnd();
        return new Pkcs1(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }

    private static void checkSize(BigInteger modulus, BigInteger exponent) {
        int bits = modulus.bitLength();
        if (bits < MIN_KEY_BITS) {
            throw new InvalidKeyException("RSA key of " + bits + " bits is below the minimum of " + MIN_KEY_BITS);
        }
        if (bits > MAX_KEY_BITS) {
            throw new InvalidKeyException("RSA key of " + bits + " bits exceeds the maximum of " + MAX_KEY_BITS);
        }
        if (!modulus.testBit(0) || !exponent.testBit(0) || exponent.compareTo(BigInteger.ONE) <= 0) {
            throw new InvalidKeyException("RSA key has an even modulus or an invalid public exponent");
        }
    }

    private static final class Public extends EncodedPublicKey {
        private final RSAPublicKey jdkKey;

        Public(byte[] der, RSAPublicKey jdkKey) {
            super(KeyType.RSA, der);
            this.jdkKey = jdkKey;
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            return JcaSignatures.verify("SHA256withRSA", jdkKey, data, signature);
        }
    }

    private static final class Private extends EncodedPrivateKey {
        private final java.security.PrivateKey jdkKey;

        Private(byte[] pkcs1, java.security.PrivateKey jdkKey, PublicKey publicKey) {
            super(KeyType.RSA, pkcs1, publicKey);
            this.jdkKey = jdkKey;
        }

        @Override
        public byte[] sign(byte[] data) {
            return JcaSignatures.sign("SHA256withRSA", jdkKey, data);
        }
    }
}
