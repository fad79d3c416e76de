package io.wirepunch.core.upgrade.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The ChaCha20 block function of RFC 8439 §2.3 for up to {@link #LANES} consecutive blocks at
 * once, one block per array lane: word {@code w} of block {@code b} lives in {@code x<w>[b]}.
 * Every quarter round is then one loop doing the same int operations over all lanes, which C2
 * (JDK 17 included) compiles to SIMD instructions, several blocks per instruction, where the
 * one-block {@link ChaCha20} is limited to one 32-bit operation at a time. The lane count is a
 * loop bound and not a constant so that C2 vectorises the loops instead of unrolling them away.
 * Not thread-safe; {@link ChaCha20} owns one and keeps its key in step.
 */
final class ChaCha20Lanes {
    /**
     * Blocks per call at most: 8 KiB of keystream from 8 KiB of state, which stays in L1. Measured
     * on JDK 17 with AVX-512: 32 lanes gain little over one block at a time, 64 and 128 about 2×
     * and 2.5×, 256 no more than 128.
     */
    static final int LANES = 128;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private final int[] x0 = new int[LANES], x1 = new int[LANES], x2 = new int[LANES], x3 = new int[LANES];
    private final int[] x4 = new int[LANES], x5 = new int[LANES], x6 = new int[LANES], x7 = new int[LANES];
    private final int[] x8 = new int[LANES], x9 = new int[LANES], x10 = new int[LANES], x11 = new int[LANES];
    private final int[] x12 = new int[LANES], x13 = new int[LANES], x14 = new int[LANES], x15 = new int[LANES];
    private int k0, k1, k2, k3, k4, k5, k6, k7;

    void setKey(int k0, int k1, int k2, int k3, int k4, int k5, int k6, int k7) {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
        this.k3 = k3;
        this.k4 = k4;
        this.k5 = k5;
        this.k6 = k6;
        this.k7 = k7;
    }

    /**
     * XORs {@code blocks} (1 to {@link #LANES}) whole 64-byte blocks of {@code in} with the
     * keystream from block {@code counter} on (the counter wraps at 2^32 as in the one-block
     * code). Working forwards, so {@code out} may be {@code in} at the same or a lower offset.
     */
    void xor(int counter, int n0, int n1, int n2, byte[] in, int inOff, int blocks, byte[] out, int outOff) {
        if (blocks < 1 || blocks > LANES) {
            throw new IllegalArgumentException("1 to " + LANES + " blocks, not " + blocks);
        }
        Arrays.fill(x0, 0, blocks, C0);
        Arrays.fill(x1, 0, blocks, C1);
        Arrays.fill(x2, 0, blocks, C2);
        Arrays.fill(x3, 0, blocks, C3);
        Arrays.fill(x4, 0, blocks, k0);
        Arrays.fill(x5, 0, blocks, k1);
        Arrays.fill(x6, 0, blocks, k2);
        Arrays.fill(x7, 0, blocks, k3);
        Arrays.fill(x8, 0, blocks, k4);
        Arrays.fill(x9, 0, blocks, k5);
        Arrays.fill(x10, 0, blocks, k6);
        Arrays.fill(x11, 0, blocks, k7);
        for (int b = 0; b < blocks; b++) {
            x12[b] = counter + b;
        }
        Arrays.fill(x13, 0, blocks, n0);
        Arrays.fill(x14, 0, blocks, n1);
        Arrays.fill(x15, 0, blocks, n2);
        rounds(blocks);
        serialiseAndXor(counter, n0, n1, n2, in, inOff, blocks, out, outOff);
    }

    private void rounds(int lanes) {
        int[] x0 = this.x0, x1 = this.x1, x2 = this.x2, x3 = this.x3;
        int[] x4 = this.x4, x5 = this.x5, x6 = this.x6, x7 = this.x7;
        int[] x8 = this.x8, x9 = this.x9, x10 = this.x10, x11 = this.x11;
        int[] x12 = this.x12, x13 = this.x13, x14 = this.x14, x15 = this.x15;
        for (int i = 0; i < 10; i++) {
            quarterRound(x0, x4, x8, x12, lanes); // columns
            quarterRound(x1, x5, x9, x13, lanes);
            quarterRound(x2, x6, x10, x14, lanes);
            quarterRound(x3, x7, x11, x15, lanes);
            quarterRound(x0, x5, x10, x15, lanes); // diagonals
            quarterRound(x1, x6, x11, x12, lanes);
            quarterRound(x2, x7, x8, x13, lanes);
            quarterRound(x3, x4, x9, x14, lanes);
        }
    }

    /**
     * RFC 8439 §2.1 on every lane. C2 on JDK 17 turns rotateLeft into a vector rotate; run with
     * -XX:-UseSuperWord to see the loop without SIMD, about 2.5 times slower.
     */
    private static void quarterRound(int[] a, int[] b, int[] c, int[] d, int lanes) {
        for (int i = 0; i < lanes; i++) {
            int ai = a[i] + b[i];
            int di = Integer.rotateLeft(d[i] ^ ai, 16);
            int ci = c[i] + di;
            int bi = Integer.rotateLeft(b[i] ^ ci, 12);
            ai += bi;
            di = Integer.rotateLeft(di ^ ai, 8);
            ci += di;
            bi = Integer.rotateLeft(bi ^ ci, 7);
            a[i] = ai;
            b[i] = bi;
            c[i] = ci;
            d[i] = di;
        }
    }

    /** Adds the input state to each lane (§2.3) and XORs the blocks a little-endian long at a time. */
    private void serialiseAndXor(int counter, int n0, int n1, int n2, byte[] in, int inOff, int blocks,
            byte[] out, int outOff) {
        int k0 = this.k0, k1 = this.k1, k2 = this.k2, k3 = this.k3;
        int k4 = this.k4, k5 = this.k5, k6 = this.k6, k7 = this.k7;
        for (int b = 0; b < blocks; b++, inOff += ChaCha20.BLOCK_LENGTH, outOff += ChaCha20.BLOCK_LENGTH) {
            // Each input long is read before the output long at the same position is written.
            xorLong(in, inOff, out, outOff, x0[b] + C0, x1[b] + C1);
            xorLong(in, inOff + 8, out, outOff + 8, x2[b] + C2, x3[b] + C3);
            xorLong(in, inOff + 16, out, outOff + 16, x4[b] + k0, x5[b] + k1);
            xorLong(in, inOff + 24, out, outOff + 24, x6[b] + k2, x7[b] + k3);
            xorLong(in, inOff + 32, out, outOff + 32, x8[b] + k4, x9[b] + k5);
            xorLong(in, inOff + 40, out, outOff + 40, x10[b] + k6, x11[b] + k7);
            xorLong(in, inOff + 48, out, outOff + 48, x12[b] + counter + b, x13[b] + n0);
            xorLong(in, inOff + 56, out, outOff + 56, x14[b] + n1, x15[b] + n2);
        }
    }

    private static void xorLong(byte[] in, int inOff, byte[] out, int outOff, int low, int high) {
        long keystream = (low & 0xffffffffL) | ((long) high << 32);
        LONGS.set(out, outOff, (long) LONGS.get(in, inOff) ^ keystream);
    }
}
