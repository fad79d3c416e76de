package io.wirepunch.core.upgrade.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Poly1305 one-time authenticator of RFC 8439 §2.5. The accumulator and r are held in five
 * 26-bit limbs, so every product fits a long with room for the five-term sums and no 128-bit
 * arithmetic is needed; the multiply is written out in full because C2 on JDK 17 does not unroll
 * it for us. Runs of four blocks are evaluated as h = (h + m1)·r⁴ + m2·r³ + m3·r² + m4·r, which
 * is the same polynomial as four Horner steps but puts four independent products, and a single
 * carry chain, where there were four products each waiting for the previous one's carries.
 * Not thread-safe; {@link #init} starts a new message.
 */
final class Poly1305 {
    static final int KEY_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    static final int BLOCK_LENGTH = 16;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MASK26 = 0x3ffffff;
    /** 2^128 in limb 4: the bit RFC 8439 appends to every full 16-byte block. */
    private static final long FULL_BLOCK_BIT = 1L << 24;

    private long r0, r1, r2, r3, r4;
    // 5·r, because 2^130 ≡ 5 (mod 2^130 − 5) folds the high products back into the low limbs
    private long s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long pad0, pad1;
    private final byte[] lastBlock = new byte[BLOCK_LENGTH];
    /** r², r³ and r⁴, each as its five limbs and then 5· limbs 1 to 4; made on first use. */
    private final long[] powers = new long[27];
    private boolean powersReady;
    private final boolean fourBlocksAtOnce;

    Poly1305() {
        this(true);
    }

    private Poly1305(boolean fourBlocksAtOnce) {
        this.fourBlocksAtOnce = fourBlocksAtOnce;
    }

    /** Always one block at a time: the reference, and the speed before four at once. */
    static Poly1305 oneBlockAtATime() {
        return new Poly1305(false);
    }

    /** Starts a message under the one-time key r ‖ s (32 bytes). */
    void init(byte[] key, int off) {
        long t0 = (long) LONGS.get(key, off) & 0x0ffffffc0fffffffL; // clamp r as §2.5.1 says
        long t1 = (long) LONGS.get(key, off + 8) & 0x0ffffffc0ffffffcL;
        r0 = t0 & MASK26;
        r1 = (t0 >>> 26) & MASK26;
        r2 = ((t0 >>> 52) | (t1 << 12)) & MASK26;
        r3 = (t1 >>> 14) & MASK26;
        r4 = t1 >>> 40;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = (long) LONGS.get(key, off + 16);
        pad1 = (long) LONGS.get(key, off + 24);
        h0 = h1 = h2 = h3 = h4 = 0;
        powersReady = false;
    }

    /**
     * Feeds {@code len} bytes as the AEAD construction (§2.8) does: a trailing partial block is
     * padded with zeros to 16 bytes and then counts as a full block.
     */
    void updateZeroPadded(byte[] m, int off, int len) {
        int full = len & ~(BLOCK_LENGTH - 1);
        blocks(m, off, full, FULL_BLOCK_BIT);
        int rest = len - full;
        if (rest > 0) {
            Arrays.fill(lastBlock, (byte) 0);
            System.arraycopy(m, off + full, lastBlock, 0, rest);
            blocks(lastBlock, 0, BLOCK_LENGTH, FULL_BLOCK_BIT);
        }
    }

    /** Feeds one block made of two little-endian 64-bit words, as the AEAD length block is. */
    void updateWords(long low, long high) {
        LONGS.set(lastBlock, 0, low);
        LONGS.set(lastBlock, 8, high);
        blocks(lastBlock, 0, BLOCK_LENGTH, FULL_BLOCK_BIT);
    }

    /**
     * Feeds the whole message of the plain MAC (§2.5): the final partial block gets a 1 byte
     * appended instead of the 2^128 bit. Only called once per message.
     */
    void updateFinal(byte[] m, int off, int len) {
        int full = len & ~(BLOCK_LENGTH - 1);
        blocks(m, off, full, FULL_BLOCK_BIT);
        int rest = len - full;
        if (rest > 0) {
            Arrays.fill(lastBlock, (byte) 0);
            System.arraycopy(m, off + full, lastBlock, 0, rest);
            lastBlock[rest] = 1;
            blocks(lastBlock, 0, BLOCK_LENGTH, 0);
        }
    }

    /** h = (h + block + hibit·2^128) · r mod 2^130 − 5, for each 16-byte block of m. */
    private void blocks(byte[] m, int off, int len, long hibit) {
        int four = fourBlocksAtOnce ? len & ~(4 * BLOCK_LENGTH - 1) : 0;
        if (four > 0) {
            if (!powersReady) {
                computePowers();
            }
            fourBlocks(m, off, four, hibit);
        }
        oneBlock(m, off + four, len - four, hibit);
    }

    private void oneBlock(byte[] m, int off, int len, long hibit) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3, s4 = this.s4;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        for (int end = off + len; off < end; off += BLOCK_LENGTH) {
            long t0 = (long) LONGS.get(m, off);
            long t1 = (long) LONGS.get(m, off + 8);
            h0 += t0 & MASK26;
            h1 += (t0 >>> 26) & MASK26;
            h2 += ((t0 >>> 52) | (t1 << 12)) & MASK26;
            h3 += (t1 >>> 14) & MASK26;
            h4 += (t1 >>> 40) | hibit;

            // Limbs stay below 2^27 and r·5 below 2^29, so each sum of five products is < 2^59.
            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            // A partial carry chain: enough to bring every limb back under 2^26 + a little.
            d1 += d0 >>> 26;
            h0 = d0 & MASK26;
            d2 += d1 >>> 26;
            h1 = d1 & MASK26;
            d3 += d2 >>> 26;
            h2 = d2 & MASK26;
            d4 += d3 >>> 26;
            h3 = d3 & MASK26;
            h0 += (d4 >>> 26) * 5;
            h4 = d4 & MASK26;
            h1 += h0 >>> 26;
            h0 &= MASK26;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    /** {@link #oneBlock} for a multiple of 64 bytes, four blocks per step. */
    private void fourBlocks(byte[] m, int off, int len, long hibit) {
        long[] p = powers;
        long u0 = p[0], u1 = p[1], u2 = p[2], u3 = p[3], u4 = p[4], su1 = p[5], su2 = p[6], su3 = p[7], su4 = p[8];
        long v0 = p[9], v1 = p[10], v2 = p[11], v3 = p[12], v4 = p[13], sv1 = p[14], sv2 = p[15], sv3 = p[16], sv4 = p[17];
        long w0 = p[18], w1 = p[19], w2 = p[20], w3 = p[21], w4 = p[22], sw1 = p[23], sw2 = p[24], sw3 = p[25], sw4 = p[26];
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3, s4 = this.s4;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        for (int end = off + len; off < end; off += 4 * BLOCK_LENGTH) {
            long t0 = (long) LONGS.get(m, off);
            long t1 = (long) LONGS.get(m, off + 8);
            long a0 = h0 + (t0 & MASK26), a1 = h1 + ((t0 >>> 26) & MASK26);
            long a2 = h2 + (((t0 >>> 52) | (t1 << 12)) & MASK26);
            long a3 = h3 + ((t1 >>> 14) & MASK26), a4 = h4 + ((t1 >>> 40) | hibit);
            t0 = (long) LONGS.get(m, off + 16);
            t1 = (long) LONGS.get(m, off + 24);
            long b0 = t0 & MASK26, b1 = (t0 >>> 26) & MASK26, b2 = ((t0 >>> 52) | (t1 << 12)) & MASK26;
            long b3 = (t1 >>> 14) & MASK26, b4 = (t1 >>> 40) | hibit;
            t0 = (long) LONGS.get(m, off + 32);
            t1 = (long) LONGS.get(m, off + 40);
            long c0 = t0 & MASK26, c1 = (t0 >>> 26) & MASK26, c2 = ((t0 >>> 52) | (t1 << 12)) & MASK26;
            long c3 = (t1 >>> 14) & MASK26, c4 = (t1 >>> 40) | hibit;
            t0 = (long) LONGS.get(m, off + 48);
            t1 = (long) LONGS.get(m, off + 56);
            long e0 = t0 & MASK26, e1 = (t0 >>> 26) & MASK26, e2 = ((t0 >>> 52) | (t1 << 12)) & MASK26;
            long e3 = (t1 >>> 14) & MASK26, e4 = (t1 >>> 40) | hibit;

            // a·r⁴ + b·r³ + c·r² + e·r. The a limbs are below 2^27, the others below 2^26, the
            // power limbs below 2^26 + 2^11 and five times them below 2^29: twenty products
            // below 2^56 each sum to less than 2^61.
            long d0 = a0 * w0 + a1 * sw4 + a2 * sw3 + a3 * sw2 + a4 * sw1
                    + b0 * v0 + b1 * sv4 + b2 * sv3 + b3 * sv2 + b4 * sv1
                    + c0 * u0 + c1 * su4 + c2 * su3 + c3 * su2 + c4 * su1
                    + e0 * r0 + e1 * s4 + e2 * s3 + e3 * s2 + e4 * s1;
            long d1 = a0 * w1 + a1 * w0 + a2 * sw4 + a3 * sw3 + a4 * sw2
                    + b0 * v1 + b1 * v0 + b2 * sv4 + b3 * sv3 + b4 * sv2
                    + c0 * u1 + c1 * u0 + c2 * su4 + c3 * su3 + c4 * su2
                    + e0 * r1 + e1 * r0 + e2 * s4 + e3 * s3 + e4 * s2;
            long d2 = a0 * w2 + a1 * w1 + a2 * w0 + a3 * sw4 + a4 * sw3
                    + b0 * v2 + b1 * v1 + b2 * v0 + b3 * sv4 + b4 * sv3
                    + c0 * u2 + c1 * u1 + c2 * u0 + c3 * su4 + c4 * su3
                    + e0 * r2 + e1 * r1 + e2 * r0 + e3 * s4 + e4 * s3;
            long d3 = a0 * w3 + a1 * w2 + a2 * w1 + a3 * w0 + a4 * sw4
                    + b0 * v3 + b1 * v2 + b2 * v1 + b3 * v0 + b4 * sv4
                    + c0 * u3 + c1 * u2 + c2 * u1 + c3 * u0 + c4 * su4
                    + e0 * r3 + e1 * r2 + e2 * r1 + e3 * r0 + e4 * s4;
            long d4 = a0 * w4 + a1 * w3 + a2 * w2 + a3 * w1 + a4 * w0
                    + b0 * v4 + b1 * v3 + b2 * v2 + b3 * v1 + b4 * v0
                    + c0 * u4 + c1 * u3 + c2 * u2 + c3 * u1 + c4 * u0
                    + e0 * r4 + e1 * r3 + e2 * r2 + e3 * r1 + e4 * r0;

            d1 += d0 >>> 26; // the same partial carry chain as one block's
            h0 = d0 & MASK26;
            d2 += d1 >>> 26;
            h1 = d1 & MASK26;
            d3 += d2 >>> 26;
            h2 = d2 & MASK26;
            d4 += d3 >>> 26;
            h3 = d3 & MASK26;
            h0 += (d4 >>> 26) * 5;
            h4 = d4 & MASK26;
            h1 += h0 >>> 26;
            h0 &= MASK26;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    /** r², r³ = r²·r and r⁴ = r²·r², partially carried like h, so their limbs stay below 2^26 + 2^11. */
    private void computePowers() {
        multiply(r0, r1, r2, r3, r4, r0, r1, r2, r3, r4, 0);
        long[] p = powers;
        multiply(p[0], p[1], p[2], p[3], p[4], r0, r1, r2, r3, r4, 9);
        multiply(p[0], p[1], p[2], p[3], p[4], p[0], p[1], p[2], p[3], p[4], 18);
        powersReady = true;
    }

    /** powers[at..at+9) = a·b mod 2^130 − 5 as five limbs, then 5· limbs 1 to 4. */
    private void multiply(long a0, long a1, long a2, long a3, long a4,
            long b0, long b1, long b2, long b3, long b4, int at) {
        long d0 = a0 * b0 + 5 * (a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1);
        long d1 = a0 * b1 + a1 * b0 + 5 * (a2 * b4 + a3 * b3 + a4 * b2);
        long d2 = a0 * b2 + a1 * b1 + a2 * b0 + 5 * (a3 * b4 + a4 * b3);
        long d3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + 5 * (a4 * b4);
        long d4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
        d1 += d0 >>> 26;
        d2 += d1 >>> 26;
        d3 += d2 >>> 26;
        d4 += d3 >>> 26;
        long limb0 = (d0 & MASK26) + (d4 >>> 26) * 5;
        long[] p = powers;
        p[at] = limb0 & MASK26;
        p[at + 1] = (d1 & MASK26) + (limb0 >>> 26);
        p[at + 2] = d2 & MASK26;
        p[at + 3] = d3 & MASK26;
        p[at + 4] = d4 & MASK26;
        for (int i = 1; i < 5; i++) {
            p[at + 4 + i] = 5 * p[at + i];
        }
    }

    /** Writes the tag (h mod 2^130 − 5) + s mod 2^128. */
    void finish(byte[] tag, int off) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        // Full carry. One pass can leave h1 at exactly 2^26; the second always ends with every
        // limb under 2^26, which the OR-packing below relies on.
        for (int pass = 0; pass < 2; pass++) {
            h2 += h1 >>> 26;
            h1 &= MASK26;
            h3 += h2 >>> 26;
            h2 &= MASK26;
            h4 += h3 >>> 26;
            h3 &= MASK26;
            h0 += (h4 >>> 26) * 5;
            h4 &= MASK26;
            h1 += h0 >>> 26;
            h0 &= MASK26;
        }

        // g = h + 5 − 2^130; if it is not negative then h ≥ p and g is the reduced value.
        long g0 = h0 + 5;
        long g1 = h1 + (g0 >>> 26);
        g0 &= MASK26;
        long g2 = h2 + (g1 >>> 26);
        g1 &= MASK26;
        long g3 = h3 + (g2 >>> 26);
        g2 &= MASK26;
        long g4 = h4 + (g3 >>> 26) - (1L << 26);
        g3 &= MASK26;
        long keepH = g4 >> 63; // all ones when g is negative; chosen without a branch
        h0 = (h0 & keepH) | (g0 & ~keepH);
        h1 = (h1 & keepH) | (g1 & ~keepH);
        h2 = (h2 & keepH) | (g2 & ~keepH);
        h3 = (h3 & keepH) | (g3 & ~keepH);
        h4 = (h4 & keepH) | (g4 & ~keepH & MASK26);

        long low = h0 | (h1 << 26) | (h2 << 52);
        long high = (h2 >>> 12) | (h3 << 14) | (h4 << 40);
        long sumLow = low + pad0;
        long carry = ((low & pad0) | ((low | pad0) & ~sumLow)) >>> 63; // carry out, branch-free
        LONGS.set(tag, off, sumLow);
        LONGS.set(tag, off + 8, high + pad1 + carry);
    }

    /** The plain MAC of §2.5, for callers outside the AEAD (and its test vectors). */
    static byte[] mac(byte[] key, byte[] message) {
        Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        poly.updateFinal(message, 0, message.length);
        byte[] tag = new byte[TAG_LENGTH];
        poly.finish(tag, 0);
        return tag;
    }
}
