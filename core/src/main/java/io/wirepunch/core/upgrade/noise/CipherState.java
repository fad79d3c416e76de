package io.wirepunch.core.upgrade.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;

/**
 * Noise CipherState for ChaChaPoly: a key and a 64-bit nonce counter over the ChaCha20-Poly1305
 * that {@link ChaChaPolyImplementation#preferred()} picks for this JVM.
 * Not thread-safe: each direction of a connection owns one.
 */
final class CipherState {
    static final int TAG_LENGTH = ChaChaPolyCipher.TAG_LENGTH;
    static final int KEY_LENGTH = ChaChaPolyCipher.KEY_LENGTH;
    /** 2^64-1 is reserved by the Noise spec, so the counter must stop before it. */
    private static final long LAST_NONCE = -1L;

    private final ChaChaPolyImplementation implementation;
    private ChaChaPolyCipher cipher;
    private long nonce;

    CipherState() {
        this(ChaChaPolyImplementation.preferred());
    }

    CipherState(ChaChaPolyImplementation implementation) {
        this.implementation = implementation;
    }

    CipherState(byte[] key) {
        this();
        initializeKey(key);
    }

    CipherState(ChaChaPolyImplementation implementation, byte[] key) {
        this(implementation);
        initializeKey(key);
    }

    void initializeKey(byte[] k) {
        if (cipher == null) {
            cipher = implementation.create();
        }
        cipher.setKey(k);
        nonce = 0;
    }

    boolean hasKey() {
        return cipher != null;
    }

    ChaChaPolyImplementation implementation() {
        return implementation;
    }

    /** Encrypts {@code len} bytes into {@code out}; returns the ciphertext length (len + 16). */
    int encrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        long n = nextNonce();
        try {
            return cipher.seal(n, ad, in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("encryption failed", e);
        }
    }

    /** Decrypts and authenticates {@code len} bytes of ciphertext; returns the plaintext length. */
    int decrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        if (len < TAG_LENGTH) {
            throw new NoiseException("ciphertext of " + len + " bytes is shorter than the 16-byte tag");
        }
        long n = nextNonce();
        try {
            return cipher.open(n, ad, in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new NoiseException("decryption failed: message was tampered with or keys differ", e);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("decryption failed", e);
        }
    }

    private long nextNonce() throws NoiseException {
        if (nonce == LAST_NONCE) {
            throw new NoiseException("nonce space exhausted; the connection must be closed");
        }
        return nonce++;
    }
}
