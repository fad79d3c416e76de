package io.wirepunch.core.upgrade.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * The AEAD_CHACHA20_POLY1305 construction of RFC 8439 §2.8 on {@link ChaCha20} and
 * {@link Poly1305}: the one-time Poly1305 key is the first half of keystream block 0, the text
 * is encrypted from block 1, and the tag covers AAD and ciphertext, each zero-padded to 16 bytes,
 * then both lengths as little-endian 64-bit words. The key is expanded once, in {@link #setKey}.
 */
final class ChaCha20Poly1305 implements ChaChaPolyCipher {
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] NO_AD = new byte[0];

    private final ChaCha20 chacha;
    private final Poly1305 poly;
    private final byte[] block0 = new byte[ChaCha20.BLOCK_LENGTH];
    private final byte[] expectedTag = new byte[TAG_LENGTH];
    private final byte[] receivedTag = new byte[TAG_LENGTH];
    private boolean keyed;

    ChaCha20Poly1305() {
        this(new ChaCha20(), new Poly1305());
    }

    ChaCha20Poly1305(byte[] key) {
        this();
        setKey(key);
    }

    private ChaCha20Poly1305(ChaCha20 chacha, Poly1305 poly) {
        this.chacha = chacha;
        this.poly = poly;
    }

    /**
     * One ChaCha20 block and one Poly1305 block at a time, as this class was before lanes and
     * four-block steps: what the tests check those against, and the baseline a speed run shows.
     */
    static ChaCha20Poly1305 oneBlockAtATime() {
        return new ChaCha20Poly1305(ChaCha20.oneBlockAtATime(), Poly1305.oneBlockAtATime());
    }

    @Override
    public void setKey(byte[] key) {
        chacha.setKey(key, 0);
        keyed = true;
    }

    @Override
    public int seal(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        return seal(0, (int) nonce, (int) (nonce >>> 32), ad, in, inOff, len, out, outOff);
    }

    @Override
    public int open(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws AEADBadTagException {
        return open(0, (int) nonce, (int) (nonce >>> 32), ad, in, inOff, len, out, outOff);
    }

    /** {@link #seal(long, byte[], byte[], int, int, byte[], int)} with any 12-byte nonce. */
    int seal(byte[] nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        checkNonce(nonce);
        return seal((int) INTS.get(nonce, 0), (int) INTS.get(nonce, 4), (int) INTS.get(nonce, 8),
                ad, in, inOff, len, out, outOff);
    }

    /** {@link #open(long, byte[], byte[], int, int, byte[], int)} with any 12-byte nonce. */
    int open(byte[] nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws AEADBadTagException {
        checkNonce(nonce);
        return open((int) INTS.get(nonce, 0), (int) INTS.get(nonce, 4), (int) INTS.get(nonce, 8),
                ad, in, inOff, len, out, outOff);
    }

    private int seal(int n0, int n1, int n2, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        checkKeyed();
        // checked up front so that a bad range never leaves a half-written output
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkFromIndexSize(outOff, len + TAG_LENGTH, out.length);
        chacha.xor(1, n0, n1, n2, in, inOff, len, out, outOff);
        tag(n0, n1, n2, ad, out, outOff, len, out, outOff + len);
        return len + TAG_LENGTH;
    }

    private int open(int n0, int n1, int n2, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws AEADBadTagException {
        checkKeyed();
        if (len < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext of " + len + " bytes is shorter than the tag");
        }
        int textLength = len - TAG_LENGTH;
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkFromIndexSize(outOff, textLength, out.length);
        tag(n0, n1, n2, ad, in, inOff, textLength, expectedTag, 0);
        System.arraycopy(in, inOff + textLength, receivedTag, 0, TAG_LENGTH);
        if (!MessageDigest.isEqual(expectedTag, receivedTag)) { // constant time
            throw new AEADBadTagException("tag mismatch: the message was altered or the key is wrong");
        }
        chacha.xor(1, n0, n1, n2, in, inOff, textLength, out, outOff);
        return textLength;
    }

    private void tag(int n0, int n1, int n2, byte[] ad, byte[] text, int textOff, int textLength,
            byte[] tag, int tagOff) {
        if (ad == null) {
            ad = NO_AD;
        }
        chacha.keystream(0, n0, n1, n2, block0, 0);
        poly.init(block0, 0);
        Arrays.fill(block0, (byte) 0); // the one-time key is not needed past init
        poly.updateZeroPadded(ad, 0, ad.length);
        poly.updateZeroPadded(text, textOff, textLength);
        poly.updateWords(ad.length, textLength);
        poly.finish(tag, tagOff);
    }

    private void checkKeyed() {
        if (!keyed) {
            throw new IllegalStateException("no key set");
        }
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != 12) {
            throw new IllegalArgumentException("a ChaCha20-Poly1305 nonce is 12 bytes, got " + nonce.length);
        }
    }
}
