package io.wirepunch.core.upgrade.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Poly1305 one-time authenticator of RFC 8439 §2.5. The accumulator and r are held in five
 * 26-bit limbs, so every product fits a long with room for the five-term sums and no 128-bit
 * arithmetic is needed; the multiply is written out in full because C2 on JDK 17 does not unroll
 * it for us. Not thread-safe; {@link #init} starts a new message.
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
