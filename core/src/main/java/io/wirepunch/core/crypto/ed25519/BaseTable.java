package io.wirepunch.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * Multiples of the Ed25519 base point B for a fixed-base scalar multiplication: for each row
 * i in 0..{@value #ROWS}-1 and j in 1..{@value #PER_ROW}, the point j·16<sup>2i</sup>·B in the form
 * an addition wants (y+x, y-x, 2dxy), affine. Computed once from B's coordinates in RFC 8032, in
 * extended coordinates with one shared inversion; 60 KB.
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
        int count = ROWS * PER_ROW;
        long[][][] points = new long[count][][]; // extended {X, Y, Z, T}
        long[] d2 = Field25519.create();
        Field25519.fromBigInteger(d2, D.shiftLeft(1));
        long[][] rowBase = new long[4][Field25519.LIMBS];
        Field25519.fromBigInteger(rowBase[0], BASE_X);
        Field25519.fromBigInteger(rowBase[1], BASE_Y);
        Field25519.one(rowBase[2]);
        Field25519.fromBigInteger(rowBase[3], BASE_X.multiply(BASE_Y));
        for (int i = 0; i < ROWS; i++) {
            long[][] multiple = copy(rowBase);
            for (int j = 1; j <= PER_ROW; j++) {
                points[i * PER_ROW + j - 1] = multiple;
                multiple = add(multiple, rowBase, d2);
            }
            for (int k = 0; k < 8; k++) { // next row: 16^2 = 2^8 times this one
                rowBase = add(rowBase, rowBase, d2);
            }
        }
        // one inversion for all: products[k] = Z0 ... Zk, then peel one factor at a time
        long[][] products = new long[count][Field25519.LIMBS];
        Field25519.copy(products[0], points[0][2]);
        for (int k = 1; k < count; k++) {
            Field25519.mul(products[k], products[k - 1], points[k][2]);
        }
        long[] inverse = Field25519.create();
        Field25519.invert(inverse, products[count - 1]);
        long[][] zInverses = new long[count][Field25519.LIMBS];
        for (int k = count - 1; k > 0; k--) {
            Field25519.mul(zInverses[k], inverse, products[k - 1]);
            Field25519.mul(inverse, inverse, points[k][2]);
        }
        zInverses[0] = inverse;

        long[] table = new long[count * ENTRY_LONGS];
        long[] x = Field25519.create();
        long[] y = Field25519.create();
        long[] v = Field25519.create();
        for (int k = 0; k < count; k++) {
            int at = k * ENTRY_LONGS;
            Field25519.mul(x, points[k][0], zInverses[k]);
            Field25519.mul(y, points[k][1], zInverses[k]);
            Field25519.add(v, y, x);
            Field25519.carry(v);
            System.arraycopy(v, 0, table, at, Field25519.LIMBS);
            Field25519.sub(v, y, x);
            Field25519.carry(v);
            System.arraycopy(v, 0, table, at + Field25519.LIMBS, Field25519.LIMBS);
            Field25519.mul(v, x, y);
            Field25519.mul(v, v, d2);
            System.arraycopy(v, 0, table, at + 2 * Field25519.LIMBS, Field25519.LIMBS);
        }
        return table;
    }

    private static long[][] copy(long[][] point) {
        long[][] out = new long[4][];
        for (int c = 0; c < 4; c++) {
            out[c] = point[c].clone();
        }
        return out;
    }

    /** Extended-coordinate addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete, so it also doubles). */
    static long[][] add(long[][] p, long[][] q, long[] d2) {
        long[] a = Field25519.create();
        long[] b = Field25519.create();
        long[] c = Field25519.create();
        long[] d = Field25519.create();
        long[] u = Field25519.create();
        long[] w = Field25519.create();
        Field25519.sub(u, p[1], p[0]);
        Field25519.sub(w, q[1], q[0]);
        Field25519.mul(a, u, w);
        Field25519.add(u, p[1], p[0]);
        Field25519.add(w, q[1], q[0]);
        Field25519.mul(b, u, w);
        Field25519.mul(c, p[3], q[3]);
        Field25519.mul(c, c, d2);
        Field25519.mul(d, p[2], q[2]);
        Field25519.add(d, d, d);
        long[] e = Field25519.create();
        long[] f = Field25519.create();
        long[] g = Field25519.create();
        long[] h = Field25519.create();
        Field25519.sub(e, b, a);
        Field25519.sub(f, d, c);
        Field25519.add(g, d, c);
        Field25519.add(h, b, a);
        long[][] r = new long[4][Field25519.LIMBS];
        Field25519.mul(r[0], e, f);
        Field25519.mul(r[1], g, h);
        Field25519.mul(r[2], f, g);
        Field25519.mul(r[3], e, h);
        return r;
    }
}
