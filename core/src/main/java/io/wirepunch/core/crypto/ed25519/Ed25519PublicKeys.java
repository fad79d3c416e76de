package io.wirepunch.core.crypto.ed25519;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Ed25519 public keys from 32-byte seeds (RFC 8032 section 5.1.5): SHA-512 of the seed, the
 * lower half clamped into the scalar a, the key the encoding of a·B. The multiplication walks a
 * precomputed table of multiples of B with a signed radix-16 scalar, selecting entries without
 * branches or indexes that depend on the scalar.
 *
 * <p>An instance reuses its buffers, because a work search derives millions of keys; it is not
 * thread-safe. {@link #of(byte[])} is the one-off form.
 */
public final class Ed25519PublicKeys {
    public static final int SEED_BYTES = 32;
    public static final int PUBLIC_KEY_BYTES = 32;
    /**
     * Most keys {@link #deriveAll} takes at once. The keys of one call share a single field
     * inversion (Montgomery's trick), which is a third of the cost of one key on its own.
     */
    public static final int MAX_BATCH = 64;
    private static final int DIGITS = 64;

    private final MessageDigest sha512;
    private final byte[] hash = new byte[64];
    private final byte[] digits = new byte[DIGITS];
    // the running point, extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z
    private final long[] x = Field25519.create();
    private final long[] y = Field25519.create();
    private final long[] z = Field25519.create();
    private final long[] t = Field25519.create();
    // the selected table entry
    private final long[] yPlusX = Field25519.create();
    private final long[] yMinusX = Field25519.create();
    private final long[] xy2d = Field25519.create();
    private final long[] scratch = Field25519.create();
    private final long[] a = Field25519.create();
    private final long[] b = Field25519.create();
    private final long[] c = Field25519.create();
    private final long[] d = Field25519.create();
    private final long[] e = Field25519.create();
    private final long[] f = Field25519.create();
    private final long[] g = Field25519.create();
    private final long[] h = Field25519.create();
    // a batch's points and running products, allocated on the first batch (a single key needs none)
    private long[][] batchX;
    private long[][] batchY;
    private long[][] batchZ;
    private long[][] products;

    public Ed25519PublicKeys() {
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-512 is not available in this JVM", ex);
        }
    }

    /** The public key of {@code seed}. */
    public static byte[] of(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("Ed25519 seed must be " + SEED_BYTES + " bytes, got " + seed.length);
        }
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        new Ed25519PublicKeys().derive(seed, 0, out, 0);
        return out;
    }

    /** Writes the public key of the seed at {@code seed[seedOffset..+32]} to {@code out[outOffset..+32]}. */
    public void derive(byte[] seed, int seedOffset, byte[] out, int outOffset) {
        multiplyBase(seed, seedOffset);
        Field25519.invert(scratch, z);
        encode(x, y, scratch, out, outOffset);
    }

    /**
     * The public keys of {@code count} consecutive seeds in {@code seeds}, written consecutively
     * to {@code publicKeys}; the same keys {@link #derive} gives, faster.
     */
    public void deriveAll(byte[] seeds, byte[] publicKeys, int count) {
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + count + " keys is outside 1.." + MAX_BATCH);
        }
        if (seeds.length < count * SEED_BYTES || publicKeys.length < count * PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("buffers too short for " + count + " keys");
        }
        if (batchX == null) {
            batchX = new long[MAX_BATCH][Field25519.LIMBS];
            batchY = new long[MAX_BATCH][Field25519.LIMBS];
            batchZ = new long[MAX_BATCH][Field25519.LIMBS];
            products = new long[MAX_BATCH][Field25519.LIMBS];
        }
        for (int k = 0; k < count; k++) {
            multiplyBase(seeds, k * SEED_BYTES);
            Field25519.copy(batchX[k], x);
            Field25519.copy(batchY[k], y);
            Field25519.copy(batchZ[k], z);
        }
        // products[k] = Z0 * ... * Zk; one inversion of the last, then peel one factor at a time
        Field25519.copy(products[0], batchZ[0]);
        for (int k = 1; k < count; k++) {
            Field25519.mul(products[k], products[k - 1], batchZ[k]);
        }
        Field25519.invert(c, products[count - 1]); // c = 1 / (Z0 * ... * Zk)
        for (int k = count - 1; k > 0; k--) {
            Field25519.mul(d, c, products[k - 1]); // 1 / Zk
            Field25519.mul(c, c, batchZ[k]);       // 1 / (Z0 * ... * Zk-1)
            encode(batchX[k], batchY[k], d, publicKeys, k * PUBLIC_KEY_BYTES);
        }
        encode(batchX[0], batchY[0], c, publicKeys, 0);
    }

    /** (X : Y : Z : T) = a·B for the scalar of the seed. */
    private void multiplyBase(byte[] seed, int seedOffset) {
        try {
            sha512.update(seed, seedOffset, SEED_BYTES);
            sha512.digest(hash, 0, hash.length);
        } catch (java.security.DigestException ex) {
            throw new IllegalStateException("SHA-512 refused a 64-byte output", ex);
        }
        hash[0] &= (byte) 248;
        hash[31] &= 127;
        hash[31] |= 64;
        recode();
        Arrays.fill(hash, (byte) 0);

        Field25519.zero(x);
        Field25519.one(y);
        Field25519.one(z);
        Field25519.zero(t);
        for (int i = 1; i < DIGITS; i += 2) {
            select(i / 2, digits[i]);
            addEntry();
        }
        for (int k = 0; k < 4; k++) {
            doublePoint();
        }
        for (int i = 0; i < DIGITS; i += 2) {
            select(i / 2, digits[i]);
            addEntry();
        }
        Arrays.fill(digits, (byte) 0);
    }

    /** The clamped scalar as 64 digits in [-8, 8), least significant first. */
    private void recode() {
        for (int i = 0; i < 32; i++) {
            digits[2 * i] = (byte) (hash[i] & 15);
            digits[2 * i + 1] = (byte) ((hash[i] >> 4) & 15);
        }
        int carry = 0;
        for (int i = 0; i < DIGITS - 1; i++) {
            int v = digits[i] + carry;
            carry = (v + 8) >> 4;
            digits[i] = (byte) (v - (carry << 4));
        }
        digits[DIGITS - 1] += (byte) carry; // at most 7 + 1: the clamped scalar is below 2^255
    }

    /** Loads |digit|·16^(2·row)·B, negated when digit < 0, the identity for 0; constant time. */
    private void select(int row, int digit) {
        int negative = digit >>> 31; // 1 when negative
        int magnitude = digit - ((-negative & digit) << 1);
        Field25519.one(yPlusX);
        Field25519.one(yMinusX);
        Field25519.zero(xy2d);
        long[] table = BaseTable.ENTRIES;
        int base = row * BaseTable.PER_ROW * BaseTable.ENTRY_LONGS;
        for (int j = 1; j <= BaseTable.PER_ROW; j++) {
            long mask = -(long) (((magnitude ^ j) - 1) >>> 31);
            int at = base + (j - 1) * BaseTable.ENTRY_LONGS;
            for (int l = 0; l < Field25519.LIMBS; l++) {
                yPlusX[l] ^= (yPlusX[l] ^ table[at + l]) & mask;
                yMinusX[l] ^= (yMinusX[l] ^ table[at + Field25519.LIMBS + l]) & mask;
                xy2d[l] ^= (xy2d[l] ^ table[at + 2 * Field25519.LIMBS + l]) & mask;
            }
        }
        long negMask = -(long) negative;
        // -(x, y) = (-x, y): swaps y+x with y-x and negates 2dxy
        Field25519.copy(scratch, yPlusX);
        Field25519.cmov(yPlusX, yMinusX, negMask);
        Field25519.cmov(yMinusX, scratch, negMask);
        for (int l = 0; l < Field25519.LIMBS; l++) {
            scratch[l] = -xy2d[l];
        }
        Field25519.cmov(xy2d, scratch, negMask);
    }

    /** (X, Y, Z, T) += the selected entry (extended + affine "niels" addition, a = -1). */
    private void addEntry() {
        Field25519.sub(scratch, y, x);
        Field25519.mul(a, scratch, yMinusX);
        Field25519.add(scratch, y, x);
        Field25519.mul(b, scratch, yPlusX);
        Field25519.mul(c, t, xy2d);
        Field25519.add(d, z, z);
        Field25519.sub(e, b, a);
        Field25519.sub(f, d, c);
        Field25519.add(g, d, c);
        Field25519.add(h, b, a);
        Field25519.mul(x, e, f);
        Field25519.mul(y, g, h);
        Field25519.mul(t, e, h);
        Field25519.mul(z, f, g);
    }

    /** (X, Y, Z, T) doubled, with the signs of E, F, G, H flipped pairwise (a = -1). */
    private void doublePoint() {
        Field25519.square(a, x);
        Field25519.square(b, y);
        Field25519.square(c, z);
        Field25519.add(c, c, c);
        Field25519.add(h, a, b);
        Field25519.add(scratch, x, y);
        Field25519.square(scratch, scratch);
        Field25519.sub(e, h, scratch);
        Field25519.sub(g, a, b);
        Field25519.add(f, c, g);
        Field25519.mul(x, e, f);
        Field25519.mul(y, g, h);
        Field25519.mul(t, e, h);
        Field25519.mul(z, f, g);
    }

    /** The encoding of the point (X/Z, Y/Z) given 1/Z: y, with the sign of x in the top bit. */
    private void encode(long[] px, long[] py, long[] zInverse, byte[] out, int offset) {
        Field25519.mul(a, px, zInverse);
        Field25519.mul(b, py, zInverse);
        Field25519.toBytes(out, offset, b);
        if (Field25519.isNegative(a)) {
            out[offset + 31] |= (byte) 0x80;
        }
    }
}
