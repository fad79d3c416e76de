package io.wirepunch.core.crypto.ec;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A prime-field short Weierstrass curve y<sup>2</sup> = x<sup>3</sup> + ax + b with a generator G
 * of prime order n and cofactor 1, in Jacobian coordinates on BigInteger. Used for the two libp2p
 * curves the JDK cannot do everything on: secp256k1 (gone from the JDK) and P-256 (whose public key
 * the JDK will not derive from a private key). Scalar multiplications do the same sequence of
 * point operations whatever the scalar's bits (a Montgomery ladder), although BigInteger itself is
 * not constant time.
 */
public final class Curve {
    public static final Curve SECP256K1 = new Curve("secp256k1",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
            "0", "7",
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
            "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    public static final Curve P256 = new Curve("P-256",
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private final String name;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final EcPoint generator;
    private final BigInteger n;
    private final int fieldBytes;

    private Curve(String name, String p, String a, String b, String gx, String gy, String n) {
        this.name = name;
        this.p = new BigInteger(p, 16);
        this.a = new BigInteger(a, 16);
        this.b = new BigInteger(b, 16);
        this.generator = new EcPoint(new BigInteger(gx, 16), new BigInteger(gy, 16));
        this.n = new BigInteger(n, 16);
        this.fieldBytes = (this.p.bitLength() + 7) / 8;
    }

    public String name() {
        return name;
    }

    public BigInteger order() {
        return n;
    }

    public EcPoint generator() {
        return generator;
    }

    public int fieldBytes() {
        return fieldBytes;
    }

    public boolean isOnCurve(BigInteger x, BigInteger y) {
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        return y.multiply(y).mod(p).equals(rightHandSide(x));
    }

    /** k·G, for 0 < k < n. */
    public EcPoint multiplyBase(BigInteger k) {
        return multiply(k, generator);
    }

    /** k·P, for 0 < k < n and P on the curve (then never the point at infinity). */
    public EcPoint multiply(BigInteger k, EcPoint point) {
        if (k.signum() <= 0 || k.compareTo(n) >= 0) {
            throw new IllegalArgumentException("scalar outside 1..n-1");
        }
        // k + n or k + 2n has the same multiple and always bit length |n| + 1: the ladder's length
        // does not tell the scalar's leading zeros
        BigInteger padded = k.add(n);
        if (padded.bitLength() <= n.bitLength()) {
            padded = padded.add(n);
        }
        BigInteger[] r0 = jacobian(point);
        BigInteger[] r1 = twice(r0);
        for (int i = padded.bitLength() - 2; i >= 0; i--) {
            if (padded.testBit(i)) {
                r0 = add(r0, r1);
                r1 = twice(r1);
            } else {
                r1 = add(r0, r1);
                r0 = twice(r0);
            }
        }
        return affine(r0);
    }

    /** u1·G + u2·Q (Shamir's trick), or null for the point at infinity; for verification, public scalars. */
    public EcPoint sumOfMultiples(BigInteger u1, BigInteger u2, EcPoint q) {
        BigInteger[] g = jacobian(generator);
        BigInteger[] qj = jacobian(q);
        BigInteger[] gq = add(g, qj);
        BigInteger[] r = infinity();
        for (int i = Math.max(u1.bitLength(), u2.bitLength()) - 1; i >= 0; i--) {
            r = twice(r);
            boolean b1 = u1.testBit(i);
            boolean b2 = u2.testBit(i);
            if (b1 && b2) {
                r = add(r, gq);
            } else if (b1) {
                r = add(r, g);
            } else if (b2) {
                r = add(r, qj);
            }
        }
        return isInfinity(r) ? null : affine(r);
    }

    /** The point of a 33-byte SEC1 compressed encoding (02 or 03, then x), or null when there is none. */
    public EcPoint decompress(byte[] encoded) {
        if (encoded.length != 1 + fieldBytes || (encoded[0] != 2 && encoded[0] != 3)) {
            return null;
        }
        if (!p.testBit(0) || !p.testBit(1)) {
            throw new IllegalStateException(name + ": square roots need p = 3 mod 4");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, encoded.length));
        if (x.compareTo(p) >= 0) {
            return null;
        }
        BigInteger rhs = rightHandSide(x);
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (!y.multiply(y).mod(p).equals(rhs)) {
            return null;
        }
        if (y.testBit(0) != (encoded[0] == 3)) {
            y = p.subtract(y).mod(p);
        }
        return new EcPoint(x, y);
    }

    public byte[] encodeCompressed(EcPoint point) {
        byte[] out = new byte[1 + fieldBytes];
        out[0] = (byte) (point.y().testBit(0) ? 3 : 2);
        writeFixed(point.x(), out, 1);
        return out;
    }

    public byte[] encodeUncompressed(EcPoint point) {
        byte[] out = new byte[1 + 2 * fieldBytes];
        out[0] = 4;
        writeFixed(point.x(), out, 1);
        writeFixed(point.y(), out, 1 + fieldBytes);
        return out;
    }

    /** value as exactly {@link #fieldBytes()} big-endian bytes at out[offset]; value must fit. */
    void writeFixed(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > fieldBytes ? raw.length - fieldBytes : 0;
        System.arraycopy(raw, skip, out, offset + fieldBytes - (raw.length - skip), raw.length - skip);
    }

    private BigInteger rightHandSide(BigInteger x) {
        return x.multiply(x).add(a).multiply(x).add(b).mod(p);
    }

    // Jacobian points {X, Y, Z} for (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.

    private static BigInteger[] infinity() {
        return new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
    }

    private static boolean isInfinity(BigInteger[] point) {
        return point[2].signum() == 0;
    }

    private static BigInteger[] jacobian(EcPoint point) {
        return new BigInteger[] {point.x(), point.y(), BigInteger.ONE};
    }

    private EcPoint affine(BigInteger[] point) {
        BigInteger zInverse = point[2].modInverse(p);
        BigInteger zInverse2 = zInverse.multiply(zInverse).mod(p);
        return new EcPoint(point[0].multiply(zInverse2).mod(p),
                point[1].multiply(zInverse2).multiply(zInverse).mod(p));
    }

    private BigInteger[] twice(BigInteger[] point) {
        if (isInfinity(point) || point[1].signum() == 0) {
            return infinity();
        }
        BigInteger x = point[0];
        BigInteger y = point[1];
        BigInteger z = point[2];
        BigInteger yy = y.multiply(y).mod(p);
        BigInteger s = x.multiply(yy).shiftLeft(2).mod(p);
        BigInteger zz = z.multiply(z).mod(p);
        BigInteger m = x.multiply(x).multiply(THREE);
        if (a.signum() != 0) {
            m = m.add(a.multiply(zz.multiply(zz)));
        }
        m = m.mod(p);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(yy.multiply(yy).shiftLeft(3)).mod(p);
        BigInteger z3 = y.multiply(z).shiftLeft(1).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    private BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
        if (isInfinity(p1)) {
            return p2;
        }
        if (isInfinity(p2)) {
            return p1;
        }
        BigInteger z1z1 = p1[2].multiply(p1[2]).mod(p);
        BigInteger z2z2 = p2[2].multiply(p2[2]).mod(p);
        BigInteger u1 = p1[0].multiply(z2z2).mod(p);
        BigInteger u2 = p2[0].multiply(z1z1).mod(p);
        BigInteger s1 = p1[1].multiply(p2[2]).multiply(z2z2).mod(p);
        BigInteger s2 = p2[1].multiply(p1[2]).multiply(z1z1).mod(p);
        BigInteger h = u2.subtract(u1).mod(p);
        BigInteger r = s2.subtract(s1).mod(p);
        if (h.signum() == 0) {
            return r.signum() == 0 ? twice(p1) : infinity();
        }
        BigInteger hh = h.multiply(h).mod(p);
        BigInteger hhh = hh.multiply(h).mod(p);
        BigInteger v = u1.multiply(hh).mod(p);
        BigInteger x3 = r.multiply(r).subtract(hhh).subtract(v.shiftLeft(1)).mod(p);
        BigInteger y3 = r.multiply(v.subtract(x3)).subtract(s1.multiply(hhh)).mod(p);
        BigInteger z3 = p1[2].multiply(p2[2]).multiply(h).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    @Override
    public String toString() {
        return name;
    }
}
