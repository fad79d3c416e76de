package io.wirepunch.core.upgrade.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise CipherState for ChaChaPoly: a key and a 64-bit nonce counter. One JCA Cipher is kept and
 * re-initialised per message, because creating a Cipher costs far more than re-keying it.
 * Not thread-safe: each direction of a connection owns one.
 */
final class CipherState {
    static final int TAG_LENGTH = 16;
    static final int KEY_LENGTH = 32;
    /** 2^64-1 is reserved by the Noise spec, so the counter must stop before it. */
    private static final long LAST_NONCE = -1L;

    private final Cipher cipher;
    private final byte[] nonceBytes = new byte[12];
    private SecretKeySpec key;
    private long nonce;

    CipherState() {
        try {
            cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ChaCha20-Poly1305", e);
        }
    }

    CipherState(byte[] key) {
        this();
        initializeKey(key);
    }

    void initializeKey(byte[] k) {
        key = new SecretKeySpec(k, 0, KEY_LENGTH, "ChaCha20");
        nonce = 0;
    }

    boolean hasKey() {
        return key != null;
    }

    /** Encrypts {@code len} bytes into {@code out}; returns the ciphertext length (len + 16). */
    int encrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        init(Cipher.ENCRYPT_MODE, ad);
        try {
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("encryption failed", e);
        }
    }

    /** Decrypts and authenticates {@code len} bytes of ciphertext; returns the plaintext length. */
    int decrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        if (len < TAG_LENGTH) {
            throw new NoiseException("ciphertext of " + len + " bytes is shorter than the 16-byte tag");
        }
        init(Cipher.DECRYPT_MODE, ad);
        try {
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new NoiseException("decryption failed: message was tampered with or keys differ", e);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("decryption failed", e);
        }
    }

    private void init(int mode, byte[] ad) throws NoiseException {
        if (nonce == LAST_NONCE) {
            throw new NoiseException("nonce space exhausted; the connection must be closed");
        }
        long n = nonce++;
        for (int i = 0; i < 8; i++) {
            nonceBytes[4 + i] = (byte) (n >>> (8 * i)); // 4 zero bytes, then the counter little-endian
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(nonceBytes));
        } catch (GeneralSecurityException e) {
            throw new NoiseException("cipher initialisation failed", e);
        }
        if (ad != null && ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
