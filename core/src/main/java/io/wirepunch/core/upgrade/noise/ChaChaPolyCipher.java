package io.wirepunch.core.upgrade.noise;

import java.security.GeneralSecurityException;

/**
 * ChaCha20-Poly1305 (RFC 8439) as Noise's CipherState needs it: a key that changes rarely and a
 * 64-bit nonce encoded as 4 zero bytes followed by the counter in little-endian order.
 * Implementations are not thread-safe.
 */
interface ChaChaPolyCipher {
    int TAG_LENGTH = 16;
    int KEY_LENGTH = 32;

    /** Uses the first 32 bytes of {@code key} from now on. */
    void setKey(byte[] key);

    /**
     * Encrypts {@code len} bytes of {@code in} into {@code out}, followed by the 16-byte tag;
     * returns {@code len + 16}. {@code out} may be {@code in} at the same offset.
     */
    int seal(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException;

    /**
     * Authenticates {@code len} bytes of ciphertext plus tag and decrypts them into {@code out};
     * returns the plaintext length. Throws {@link javax.crypto.AEADBadTagException} if the tag
     * does not match, before any plaintext is written.
     */
    int open(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException;
}
