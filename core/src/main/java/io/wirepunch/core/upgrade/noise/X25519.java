package io.wirepunch.core.upgrade.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** Noise's 25519 DH functions on the JDK's XDH provider, with keys in the raw RFC 7748 form. */
final class X25519 {
    static final int KEY_LENGTH = 32;
    private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

    private X25519() {}

    static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X25519", e);
        }
    }

    /** A key pair from a fixed private scalar; only test vectors need one. */
    static KeyPair keyPairFromPrivate(byte[] scalar) throws NoiseException {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            java.security.PrivateKey priv =
                    factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            // The public key is the DH of the scalar with the base point; the JDK has no direct call.
            java.security.PublicKey base =
                    factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT_U));
            byte[] pubRaw = agree(priv, base);
            return new KeyPair(toPublicKey(pubRaw), priv);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("invalid X25519 private key", e);
        }
    }

    static byte[] publicBytes(KeyPair pair) {
        return publicBytes((XECPublicKey) pair.getPublic());
    }

    static byte[] publicBytes(XECPublicKey key) {
        byte[] bigEndian = key.getU().toByteArray();
        byte[] raw = new byte[KEY_LENGTH];
        // BigInteger is big-endian and may carry a sign byte or be shorter than 32 bytes.
        for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return raw;
    }

    /** DH(ours, theirs) as 32 raw bytes; an all-zero result (a small-order remote key) is rejected. */
    static byte[] dh(KeyPair ours, byte[] theirRaw) throws NoiseException {
        if (theirRaw.length != KEY_LENGTH) {
            throw new NoiseException("X25519 public key must be 32 bytes, got " + theirRaw.length);
        }
        byte[] shared;
        try {
            shared = agree(ours.getPrivate(), toPublicKey(theirRaw));
        } catch (GeneralSecurityException e) {
            throw new NoiseException("X25519 key agreement failed: remote key is unusable", e);
        }
        int acc = 0;
        for (byte b : shared) {
            acc |= b;
        }
        if (acc == 0) {
            throw new NoiseException("X25519 shared secret is all zeros: remote key has small order");
        }
        return shared;
    }

    private static byte[] agree(java.security.PrivateKey priv, java.security.PublicKey pub)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(priv);
        agreement.doPhase(pub, true);
        return agreement.generateSecret();
    }

    private static java.security.PublicKey toPublicKey(byte[] raw) throws GeneralSecurityException {
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = raw[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7F; // RFC 7748: the top bit of the u-coordinate is ignored
        BigInteger u = new BigInteger(1, bigEndian);
        return KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
    }
}
