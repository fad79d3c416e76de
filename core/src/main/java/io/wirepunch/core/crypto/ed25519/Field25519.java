package io.wirepunch.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * Arithmetic modulo p = 2<sup>255</sup> - 19 on ten signed limbs in radix 2<sup>25.5</sup>: limb i
 * holds the bits from ceil(25.5 i), 26 bits wide at even i and 25 at odd i, so that limb products
 * fit a long and a carry out of the top limb folds back as 19 (2<sup>255</sup> = 19 mod p).
 *
 * <p>Bounds: {@link #mul} and {@link #square} leave every limb in [0, 2<sup>26</sup>] (limb 1 a
 * little above 2<sup>25</sup>); their inputs may have limbs of magnitude up to 2<sup>27.6</sup>,
 * which is one {@link #add} or {@link #sub} of two such results, or of one doubled result.
 * Outputs may alias inputs. Not constant time in its conversions, which only touch public data.
 */
final class Field25519 {
    static final int LIMBS = 10;
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private static final long MASK26 = (1L << 26) - 1;
    private static final long MASK25 = (1L << 25) - 1;
    /** 8p in limbs: added before a canonical reduction so that every limb is positive. */
    private static final long[] EIGHT_P = {
        8 * (MASK26 - 18), 8 * MASK25, 8 * MASK26, 8 * MASK25, 8 * MASK26,
        8 * MASK25, 8 * MASK26, 8 * MASK25, 8 * MASK26, 8 * MASK25};

    private Field25519() {}

    static long[] create() {
        return new long[LIMBS];
    }

    static void zero(long[] h) {
        java.util.Arrays.fill(h, 0);
    }

    static void one(long[] h) {
        java.util.Arrays.fill(h, 0);
        h[0] = 1;
    }

    static void copy(long[] h, long[] f) {
        System.arraycopy(f, 0, h, 0, LIMBS);
    }

    static void add(long[] h, long[] f, long[] g) {
        for (int i = 0; i < LIMBS; i++) {
            h[i] = f[i] + g[i];
        }
    }

    static void sub(long[] h, long[] f, long[] g) {
        for (int i = 0; i < LIMBS; i++) {
            h[i] = f[i] - g[i];
        }
    }

    /** h = g where mask is -1, h unchanged where it is 0 (without a branch on mask). */
    static void cmov(long[] h, long[] g, long mask) {
        for (int i = 0; i < LIMBS; i++) {
            h[i] ^= (h[i] ^ g[i]) & mask;
        }
    }

    /** Brings the limbs of a sum or difference back into the bounds of a product. */
    static void carry(long[] h) {
        store(h, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]);
    }

    static void mul(long[] h, long[] f, long[] g) {
        long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
        long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
        long g1x19 = 19 * g1, g2x19 = 19 * g2, g3x19 = 19 * g3, g4x19 = 19 * g4, g5x19 = 19 * g5, g6x19 = 19 * g6, g7x19 = 19 * g7, g8x19 = 19 * g8, g9x19 = 19 * g9;
        long f1x2 = 2 * f1, f3x2 = 2 * f3, f5x2 = 2 * f5, f7x2 = 2 * f7, f9x2 = 2 * f9;
        long h0 = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19 + f5x2 * g5x19 + f6 * g4x19 + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
        long h1 = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19 + f5 * g6x19 + f6 * g5x19 + f7 * g4x19 + f8 * g3x19 + f9 * g2x19;
        long h2 = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19 + f5x2 * g7x19 + f6 * g6x19 + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
        long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19 + f5 * g8x19 + f6 * g7x19 + f7 * g6x19 + f8 * g5x19 + f9 * g4x19;
        long h4 = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0 + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19 + f8 * g6x19 + f9x2 * g5x19;
        long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9x19 + f7 * g8x19 + f8 * g7x19 + f9 * g6x19;
        long h6 = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2 + f5x2 * g1 + f6 * g0 + f7x2 * g9x19 + f8 * g8x19 + f9x2 * g7x19;
        long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19 + f9 * g8x19;
        long h8 = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4 + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0 + f9x2 * g9x19;
        long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
        store(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    static void square(long[] h, long[] f) {
        long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
        long f0x2 = 2 * f0, f1x2 = 2 * f1, f2x2 = 2 * f2, f3x2 = 2 * f3, f4x2 = 2 * f4, f5x2 = 2 * f5, f6x2 = 2 * f6, f7x2 = 2 * f7, f8x2 = 2 * f8, f9x2 = 2 * f9;
        long f1x19 = 19 * f1, f2x19 = 19 * f2, f3x19 = 19 * f3, f4x19 = 19 * f4, f5x19 = 19 * f5, f6x19 = 19 * f6, f7x19 = 19 * f7, f8x19 = 19 * f8, f9x19 = 19 * f9;
        long f1x38 = 38 * f1, f2x38 = 38 * f2, f3x38 = 38 * f3, f4x38 = 38 * f4, f5x38 = 38 * f5, f6x38 = 38 * f6, f7x38 = 38 * f7, f8x38 = 38 * f8, f9x38 = 38 * f9;
        long h0 = f0 * f0 + f1x2 * f9x38 + f2 * f8x38 + f3x2 * f7x38 + f4 * f6x38 + f5 * f5x38;
        long h1 = f0x2 * f1 + f2 * f9x38 + f3 * f8x38 + f4 * f7x38 + f5 * f6x38;
        long h2 = f0x2 * f2 + f1x2 * f1 + f3x2 * f9x38 + f4 * f8x38 + f5x2 * f7x38 + f6 * f6x19;
        long h3 = f0x2 * f3 + f1x2 * f2 + f4 * f9x38 + f5 * f8x38 + f6 * f7x38;
        long h4 = f0x2 * f4 + f1x2 * f3x2 + f2 * f2 + f5x2 * f9x38 + f6 * f8x38 + f7 * f7x38;
        long h5 = f0x2 * f5 + f1x2 * f4 + f2x2 * f3 + f6 * f9x38 + f7 * f8x38;
        long h6 = f0x2 * f6 + f1x2 * f5x2 + f2x2 * f4 + f3x2 * f3 + f7x2 * f9x38 + f8 * f8x19;
        long h7 = f0x2 * f7 + f1x2 * f6 + f2x2 * f5 + f3x2 * f4 + f8 * f9x38;
        long h8 = f0x2 * f8 + f1x2 * f7x2 + f2x2 * f6 + f3x2 * f5x2 + f4 * f4 + f9 * f9x38;
        long h9 = f0x2 * f9 + f1x2 * f8 + f2x2 * f7 + f3x2 * f6 + f4x2 * f5;
        store(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /** h = f<sup>2<sup>n</sup></sup>. */
    static void squareTimes(long[] h, long[] f, int n) {
        square(h, f);
        for (int i = 1; i < n; i++) {
            square(h, h);
        }
    }

    /** h = z<sup>-1</sup> = z<sup>p-2</sup> (0 for z = 0). */
    static void invert(long[] h, long[] z) {
        long[] z2 = create();
        long[] z9 = create();
        long[] z11 = create();
        long[] t = create();
        long[] a = create();
        long[] b = create();
        square(z2, z);                      // z^2
        squareTimes(t, z2, 2);              // z^8
        mul(z9, t, z);                      // z^9
        mul(z11, z9, z2);                   // z^11
        square(t, z11);                     // z^22
        mul(a, t, z9);                      // z^(2^5 - 1)
        squareTimes(t, a, 5);
        mul(a, t, a);                       // z^(2^10 - 1)
        long[] a10 = a.clone();
        squareTimes(t, a, 10);
        mul(b, t, a);                       // z^(2^20 - 1)
        squareTimes(t, b, 20);
        mul(t, t, b);                       // z^(2^40 - 1)
        squareTimes(t, t, 10);
        mul(a, t, a10);                     // z^(2^50 - 1)
        squareTimes(t, a, 50);
        mul(b, t, a);                       // z^(2^100 - 1)
        squareTimes(t, b, 100);
        mul(t, t, b);                       // z^(2^200 - 1)
        squareTimes(t, t, 50);
        mul(t, t, a);                       // z^(2^250 - 1)
        squareTimes(t, t, 5);               // z^(2^255 - 32)
        mul(h, t, z11);                     // z^(2^255 - 21) = z^(p - 2)
    }

    /** The canonical 32-byte little-endian encoding of h mod p. */
    static void toBytes(byte[] out, int offset, long[] f) {
        long[] h = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            h[i] = f[i] + EIGHT_P[i];
        }
        carry(h);
        carry(h);
        // h is now below 2p: subtract p once when h + 19 reaches 2^255
        long q = (h[0] + 19) >> 26;
        for (int i = 1; i < LIMBS; i++) {
            q = (h[i] + q) >> width(i);
        }
        h[0] += 19 * q;
        for (int i = 0; i < LIMBS - 1; i++) {
            long c = h[i] >> width(i);
            h[i + 1] += c;
            h[i] -= c << width(i);
        }
        h[LIMBS - 1] &= MASK25;
        long acc = 0;
        int accBits = 0;
        int pos = offset;
        for (int i = 0; i < LIMBS; i++) {
            acc |= h[i] << accBits;
            accBits += width(i);
            while (accBits >= 8) {
                out[pos++] = (byte) acc;
                acc >>>= 8;
                accBits -= 8;
            }
        }
        out[pos] = (byte) acc; // the last 7 bits (255 = 31 * 8 + 7)
    }

    static boolean isNegative(long[] f) {
        byte[] s = new byte[32];
        toBytes(s, 0, f);
        return (s[0] & 1) != 0;
    }

    static void fromBigInteger(long[] h, BigInteger value) {
        BigInteger v = value.mod(P);
        for (int i = 0; i < LIMBS; i++) {
            h[i] = v.longValue() & (width(i) == 26 ? MASK26 : MASK25);
            v = v.shiftRight(width(i));
        }
    }

    static BigInteger toBigInteger(long[] f) {
        byte[] le = new byte[32];
        toBytes(le, 0, f);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return new BigInteger(1, be);
    }

    static int width(int limb) {
        return (limb & 1) == 0 ? 26 : 25;
    }

    private static void store(long[] out, long h0, long h1, long h2, long h3, long h4,
                              long h5, long h6, long h7, long h8, long h9) {
        long c;
        c = h0 >> 26; h1 += c; h0 -= c << 26;
        c = h1 >> 25; h2 += c; h1 -= c << 25;
        c = h2 >> 26; h3 += c; h2 -= c << 26;
        c = h3 >> 25; h4 += c; h3 -= c << 25;
        c = h4 >> 26; h5 += c; h4 -= c << 26;
        c = h5 >> 25; h6 += c; h5 -= c << 25;
        c = h6 >> 26; h7 += c; h6 -= c << 26;
        c = h7 >> 25; h8 += c; h7 -= c << 25;
        c = h8 >> 26; h9 += c; h8 -= c << 26;
        c = h9 >> 25; h0 += 19 * c; h9 -= c << 25;
        c = h0 >> 26; h1 += c; h0 -= c << 26;
        out[0] = h0; out[1] = h1; out[2] = h2; out[3] = h3; out[4] = h4;
        out[5] = h5; out[6] = h6; out[7] = h7; out[8] = h8; out[9] = h9;
    }
}
