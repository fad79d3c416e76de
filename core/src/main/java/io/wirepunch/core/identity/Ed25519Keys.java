package io.wirepunch.core.identity;

import io.wirepunch.core.crypto.ed25519.Ed25519PublicKeys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519, the default libp2p identity: keys from the JDK, raw forms as libp2p writes them. */
public final class Ed25519Keys {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SEED_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    /** DER prefixes that wrap a raw key into X.509 and PKCS#8, the encodings the JDK reads. */
    private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Ed25519Keys() {}

    public static PrivateKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - SEED_BYTES, pkcs8.length);
            return new Private(seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** libp2p's Data field holds seed ‖ public key (64 bytes); some old encoders appended the public key twice. */
    static PrivateKey privateFromRaw(byte[] data) {
        if (data.length != 64 && data.length != 96 && data.length != SEED_BYTES) {
            throw new InvalidKeyException("Ed25519 private key must be 32, 64 or 96 bytes, got " + data.length);
        }
        Private key = new Private(Arrays.copyOf(data, SEED_BYTES));
        if (data.length >= 64) {
            byte[] given = Arrays.copyOfRange(data, SEED_BYTES, SEED_BYTES + PUBLIC_KEY_BYTES);
            if (!Arrays.equals(given, key.publicKey.raw())) {
                throw new InvalidKeyException("Ed25519 private key does not match the public key stored with it");
            }
        }
        return key;
    }

    static PublicKey publicFromRaw(byte[] raw) {
        if (raw.length != PUBLIC_KEY_BYTES) {
            throw new InvalidKeyException("Ed25519 public key must be 32 bytes, got " + raw.length);
        }
        return new Public(raw.clone());
    }

    private static final class Public implements PublicKey {
        private final byte[] raw;
        private final java.security.PublicKey jdkKey;

        Public(byte[] raw) {
            this.raw = raw;
            try {
                jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
            } catch (GeneralSecurityException e) {
                throw new InvalidKeyException("not a valid Ed25519 public key", e);
            }
        }

        @Override
        public KeyType type() {
            return KeyType.ED25519;
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            return signature.length == SIGNATURE_BYTES && JcaSignatures.verify("Ed25519", jdkKey, data, signature);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Public p && Arrays.equals(raw, p.raw);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Ed25519PublicKey[" + PeerId.fromPublicKey(this) + "]";
        }
    }

    private static final class Private implements PrivateKey {
        private final byte[] seed;
        private final java.security.PrivateKey jdkKey;
        private final Public publicKey;

        Private(byte[] seed) {
            this.seed = seed;
            try {
                jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
            } catch (GeneralSecurityException e) {
                throw new InvalidKeyException("not a valid Ed25519 private key", e);
            }
            publicKey = new Public(Ed25519PublicKeys.of(seed));
        }

        @Override
        public KeyType type() {
            return KeyType.ED25519;
        }

        @Override
        public byte[] raw() {
            return concat(seed, publicKey.raw);
        }

        @Override
        public byte[] sign(byte[] data) {
            return JcaSignatures.sign("Ed25519", jdkKey, data);
        }

        @Override
        public PublicKey publicKey() {
            return publicKey;
        }

        @Override
        public String toString() {
            return "Ed25519PrivateKey[" + publicKey.peerId() + ", secret hidden]";
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
