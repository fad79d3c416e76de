package io.wirepunch.core.crypto.ec;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECDSA over a {@link Curve} for 32-byte hashes, with the nonce of RFC 6979 (HMAC-SHA-256), so that
 * a signature never depends on a random generator. Signatures are the pair (r, s); the encoding is
 * the caller's.
 */
public final class Ecdsa {
    /** Hash length this class signs: SHA-256, and the orders of the curves it is used with, are 256 bits. */
    public static final int HASH_BYTES = 32;
    /**
     * RFC 6979 draws again while k is out of range or gives r = 0 or s = 0; each happens with
     * probability about 2<sup>-128</sup>, so this many tries failing means a broken curve.
     */
    static final int MAX_NONCE_TRIES = 16;

    private Ecdsa() {}

    /** (r, s) for the hash with private scalar d, 0 < d < n. */
    public static BigInteger[] sign(Curve curve, BigInteger d, byte[] hash) {
        checkHash(curve, hash);
        BigInteger n = curve.order();
        BigInteger e = new BigInteger(1, hash);
        Nonces nonces = new Nonces(curve, d, e.mod(n));
        try {
            for (int attempt = 0; attempt < MAX_NONCE_TRIES; attempt++) {
                BigInteger k = nonces.next();
                BigInteger r = curve.multiplyBase(k).x().mod(n);
                if (r.signum() == 0) {
                    continue;
                }
                BigInteger s = k.modInverse(n).multiply(e.add(d.multiply(r))).mod(n);
                if (s.signum() != 0) {
                    return new BigInteger[] {r, s};
                }
            }
        } finally {
            nonces.clear();
        }
        throw new IllegalStateException("no valid ECDSA nonce in " + MAX_NONCE_TRIES + " tries on " + curve);
    }

    /** True when (r, s) signs the hash for the public point q (which the caller has checked is on the curve). */
    public static boolean verify(Curve curve, EcPoint q, byte[] hash, BigInteger r, BigInteger s) {
        checkHash(curve, hash);
        BigInteger n = curve.order();
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger w = s.modInverse(n);
        EcPoint sum = curve.sumOfMultiples(e.multiply(w).mod(n), r.multiply(w).mod(n), q);
        return sum != null && sum.x().mod(n).equals(r);
    }

    private static void checkHash(Curve curve, byte[] hash) {
        if (hash.length != HASH_BYTES || curve.order().bitLength() != 8 * HASH_BYTES) {
            throw new IllegalArgumentException("ECDSA here signs " + HASH_BYTES + "-byte hashes on 256-bit curves");
        }
    }

    /** The HMAC_DRBG of RFC 6979 section 3.2, for qlen = hlen = 256. */
    private static final class Nonces {
        private final BigInteger n;
        private final Mac mac;
        private final byte[] v = new byte[HASH_BYTES];
        private byte[] key = new byte[HASH_BYTES];
        private boolean first = true;

        Nonces(Curve curve, BigInteger d, BigInteger reducedHash) {
            this.n = curve.order();
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
            }
            byte[] x = new byte[HASH_BYTES];
            curve.writeFixed(d, x, 0);
            byte[] h = new byte[HASH_BYTES];
            curve.writeFixed(reducedHash, h, 0);
            Arrays.fill(v, (byte) 1);
            key = hmac(key, v, new byte[] {0}, x, h);
            System.arraycopy(hmac(key, v), 0, v, 0, HASH_BYTES);
            key = hmac(key, v, new byte[] {1}, x, h);
            System.arraycopy(hmac(key, v), 0, v, 0, HASH_BYTES);
            Arrays.fill(x, (byte) 0);
        }

        BigInteger next() {
            while (true) {
                if (!first) {
                    key = hmac(key, v, new byte[] {0});
                    System.arraycopy(hmac(key, v), 0, v, 0, HASH_BYTES);
                }
                first = false;
                System.arraycopy(hmac(key, v), 0, v, 0, HASH_BYTES);
                BigInteger k = new BigInteger(1, v);
                if (k.signum() > 0 && k.compareTo(n) < 0) {
                    return k;
                }
            }
        }

        void clear() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(v, (byte) 0);
        }

        private byte[] hmac(byte[] hmacKey, byte[]... parts) {
            try {
                mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            } catch (java.security.InvalidKeyException ex) {
                throw new IllegalStateException(ex);
            }
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        }
    }
}
