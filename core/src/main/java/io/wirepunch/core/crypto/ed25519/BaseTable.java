package io.wirepunch.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * Multiples of the Ed25519 base point B for a fixed-base scalar multiplication: for each row
 * i in 0..{@value #ROWS}-1 and j in 1..{@value #PER_ROW}, the point j·16<sup>2i</sup>·B in the form
 * an addition wants (y+x, y-x, 2dxy), affine. Computed once, on BigInteger, from B's coordinates in
 * RFC 8032; about 30 KB.
 */
final class BaseTable {
    static final int ROWS = 32;
    static final int PER_ROW = 8;
    static final int ENTRY_LONGS = 3 * Field25519.LIMBS;

    static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(Field25519.P)).mod(Field25519.P);
    static final BigInteger BASE_X = new BigInteger(
            "15112221349535400772501151409588531511454012693041857206046113283949847762202");
    static final BigInteger BASE_Y = new BigInteger(
            "46316835694926478169428394003475163141307993866256225615783033603165251855960");

    /** Row-major: entry (i, j) at ((i * PER_ROW) + j - 1) * ENTRY_LONGS. */
    static final long[] ENTRIES = build();

    private BaseTable() {}

    private static long[] build() {
        long[] table = new long[ROWS * PER_ROW * ENTRY_LONGS];
        BigInteger[] rowBase = {BASE_X, BASE_Y};
        long[] limbs = Field25519.create();
        for (int i = 0; i < ROWS; i++) {
            BigInteger[] multiple = rowBase;
            for (int j = 1; j <= PER_ROW; j++) {
                int at = (i * PER_ROW + j - 1) * ENTRY_LONGS;
                BigInteger x = multiple[0];
                BigInteger y = multiple[1];
                Field25519.fromBigInteger(limbs, y.add(x));
                System.arraycopy(limbs, 0, table, at, Field25519.LIMBS);
                Field25519.fromBigInteger(limbs, y.subtract(x));
                System.arraycopy(limbs, 0, table, at + Field25519.LIMBS, Field25519.LIMBS);
                Field25519.fromBigInteger(limbs, D.shiftLeft(1).multiply(x).multiply(y));
                System.arraycopy(limbs, 0, table, at + 2 * Field25519.LIMBS, Field25519.LIMBS);
                multiple = add(multiple, rowBase);
            }
            for (int k = 0; k < 8; k++) { // next row: 16^2 = 2^8 times this one
                rowBase = add(rowBase, rowBase);
            }
        }
        return table;
    }

    /** Affine addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete, so it also doubles). */
    static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        BigInteger p = Field25519.P;
        BigInteger x1x2 = a[0].multiply(b[0]).mod(p);
        BigInteger y1y2 = a[1].multiply(b[1]).mod(p);
        BigInteger dxy = D.multiply(x1x2).multiply(y1y2).mod(p);
        BigInteger x = a[0].multiply(b[1]).add(a[1].multiply(b[0]))
                .multiply(BigInteger.ONE.add(dxy).modInverse(p)).mod(p);
        BigInteger y = y1y2.add(x1x2)
                .multiply(BigInteger.ONE.subtract(dxy).mod(p).modInverse(p)).mod(p);
        return new BigInteger[] {x, y};
    }
}
