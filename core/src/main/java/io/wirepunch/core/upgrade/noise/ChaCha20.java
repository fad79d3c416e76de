package io.wirepunch.core.upgrade.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ChaCha20 stream cipher of RFC 8439 §2.3–2.4 (32-bit block counter, 96-bit nonce given as
 * three little-endian words). Written for C2 on JDK 17, whose JCA ChaCha20 has no intrinsic: long
 * runs of blocks go through {@link ChaCha20Lanes}, which C2 vectorises; the rest, one block at a
 * time, on int locals that stay in registers. That one-block path is also the reference the
 * tests hold the lanes to. The keystream is XORed a long at a time. Not thread-safe; holds one
 * key, which {@link #setKey} replaces.
 */
final class ChaCha20 {
    static final int BLOCK_LENGTH = 64;
    static final int KEY_LENGTH = 32;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** XORing zeros yields the bare keystream, so one block function serves both uses. */
    private static final byte[] ZEROS = new byte[BLOCK_LENGTH];
    /**
     * Fewer blocks than this go one at a time: C2 runs a short lane loop in its scalar pre- and
     * post-loops, which are slower than the register-only block function.
     */
    static final int FEWEST_BLOCKS_FOR_LANES = 32;

    // "expand 32-byte k" as four little-endian words
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private int k0, k1, k2, k3, k4, k5, k6, k7;
    private final byte[] partialBlock = new byte[BLOCK_LENGTH];
    private final ChaCha20Lanes lanes;

    ChaCha20() {
        this(true);
    }

    private ChaCha20(boolean useLanes) {
        lanes = useLanes ? new ChaCha20Lanes() : null;
    }

    /** Only the one-block function, whatever the length: the reference, and the speed before lanes. */
    static ChaCha20 oneBlockAtATime() {
        return new ChaCha20(false);
    }

    void setKey(byte[] key, int off) {
        if (key.length - off < KEY_LENGTH || off < 0) {
            throw new IllegalArgumentException("a ChaCha20 key is 32 bytes");
        }
        k0 = (int) INTS.get(key, off);
        k1 = (int) INTS.get(key, off + 4);
        k2 = (int) INTS.get(key, off + 8);
        k3 = (int) INTS.get(key, off + 12);
        k4 = (int) INTS.get(key, off + 16);
        k5 = (int) INTS.get(key, off + 20);
        k6 = (int) INTS.get(key, off + 24);
        k7 = (int) INTS.get(key, off + 28);
        if (lanes != null) {
            lanes.setKey(k0, k1, k2, k3, k4, k5, k6, k7);
        }
    }

    /** Writes the 64-byte keystream block for {@code counter} into {@code out}. */
    void keystream(int counter, int n0, int n1, int n2, byte[] out, int outOff) {
        block(counter, n0, n1, n2, ZEROS, 0, out, outOff);
    }

    /**
     * XORs {@code len} bytes with the keystream that starts at block {@code counter}. Working
     * forwards, so {@code out} may be {@code in} at the same offset (or at a lower one).
     */
    void xor(int counter, int n0, int n1, int n2, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (lanes != null) {
            int blocks;
            while ((blocks = Math.min(len / BLOCK_LENGTH, ChaCha20Lanes.LANES)) >= FEWEST_BLOCKS_FOR_LANES) {
                lanes.xor(counter, n0, n1, n2, in, inOff, blocks, out, outOff);
                counter += blocks;
                inOff += blocks * BLOCK_LENGTH;
                outOff += blocks * BLOCK_LENGTH;
                len -= blocks * BLOCK_LENGTH;
            }
        }
        while (len >= BLOCK_LENGTH) {
            block(counter++, n0, n1, n2, in, inOff, out, outOff);
            inOff += BLOCK_LENGTH;
            outOff += BLOCK_LENGTH;
            len -= BLOCK_LENGTH;
        }
        if (len > 0) {
            block(counter, n0, n1, n2, ZEROS, 0, partialBlock, 0);
            for (int i = 0; i < len; i++) {
                out[outOff + i] = (byte) (in[inOff + i] ^ partialBlock[i]);
            }
        }
    }

    /** One block: out[0..64) = in[0..64) XOR ChaCha20(key, counter, nonce). */
    private void block(int counter, int n0, int n1, int n2, byte[] in, int inOff, byte[] out, int outOff) {
        int x0 = C0, x1 = C1, x2 = C2, x3 = C3;
        int x4 = k0, x5 = k1, x6 = k2, x7 = k3;
        int x8 = k4, x9 = k5, x10 = k6, x11 = k7;
        int x12 = counter, x13 = n0, x14 = n1, x15 = n2;
        for (int i = 0; i < 10; i++) {
            // column round
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            // diagonal round
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        // Each input long is read before the output long at the same position is written, which
        // keeps in-place operation correct.
        xorLong(in, inOff, out, outOff, x0 + C0, x1 + C1);
        xorLong(in, inOff + 8, out, outOff + 8, x2 + C2, x3 + C3);
        xorLong(in, inOff + 16, out, outOff + 16, x4 + k0, x5 + k1);
        xorLong(in, inOff + 24, out, outOff + 24, x6 + k2, x7 + k3);
        xorLong(in, inOff + 32, out, outOff + 32, x8 + k4, x9 + k5);
        xorLong(in, inOff + 40, out, outOff + 40, x10 + k6, x11 + k7);
        xorLong(in, inOff + 48, out, outOff + 48, x12 + counter, x13 + n0);
        xorLong(in, inOff + 56, out, outOff + 56, x14 + n1, x15 + n2);
    }

    private static void xorLong(byte[] in, int inOff, byte[] out, int outOff, int low, int high) {
        long keystream = (low & 0xffffffffL) | ((long) high << 32);
        LONGS.set(out, outOff, (long) LONGS.get(in, inOff) ^ keystream);
    }
}
