package io.wirepunch.core.identity;

import io.wirepunch.core.crypto.der.DerException;
import io.wirepunch.core.crypto.der.DerReader;
import io.wirepunch.core.crypto.der.DerWriter;
import io.wirepunch.core.crypto.ec.Curve;
import io.wirepunch.core.crypto.ec.EcPoint;
import io.wirepunch.core.crypto.ec.Ecdsa;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * secp256k1 keys as libp2p encodes them: the public key is the 33-byte compressed point, the
 * private key the 32-byte scalar; signatures are DER-encoded ECDSA over SHA-256 (the project's own
 * curve arithmetic, since the JDK dropped this curve).
 */
final class Secp256k1Keys {
    static final int PUBLIC_KEY_BYTES = 33;
    static final int PRIVATE_KEY_BYTES = 32;
    /** A DER signature of two 33-byte integers is 72 bytes; anything longer is not one. */
    static final int MAX_SIGNATURE_BYTES = 72;

    private static final Curve CURVE = Curve.SECP256K1;
    private static final BigInteger HALF_ORDER = CURVE.order().shiftRight(1);

    private Secp256k1Keys() {}

    static PublicKey publicFromRaw(byte[] raw) {
        if (raw.length != PUBLIC_KEY_BYTES || (raw[0] != 0x02 && raw[0] != 0x03)) {
            throw new InvalidKeyException("secp256k1 public key must be a 33-byte compressed point (02/03 prefix), got "
                    + raw.length + " bytes");
        }
        EcPoint point = CURVE.decompress(raw);
        if (point == null) {
            throw new InvalidKeyException("secp256k1 public key is not a point on the curve");
        }
        return new Public(raw, point);
    }

    static PrivateKey privateFromRaw(byte[] raw) {
        if (raw.length != PRIVATE_KEY_BYTES) {
            throw new InvalidKeyException("secp256k1 private key must be 32 bytes, got " + raw.length);
        }
        BigInteger d = new BigInteger(1, raw);
        if (d.signum() == 0 || d.compareTo(CURVE.order()) >= 0) {
            throw new InvalidKeyException("secp256k1 private key is outside the curve order");
        }
        EcPoint q = CURVE.multiplyBase(d);
        return new Private(raw, d, new Public(CURVE.encodeCompressed(q), q));
    }

    private static final class Public extends EncodedPublicKey {
        private final EcPoint point;

        Public(byte[] raw, EcPoint point) {
            super(KeyType.SECP256K1, raw);
            this.point = point;
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            if (signature.length > MAX_SIGNATURE_BYTES) {
                return false;
            }
            BigInteger[] rs = decodeStrictDer(signature);
            return rs != null && Ecdsa.verify(CURVE, point, sha256(data), rs[0], rs[1]);
        }
    }

    private static final class Private extends EncodedPrivateKey {
        private final BigInteger d;

        Private(byte[] raw, BigInteger d, PublicKey publicKey) {
            super(KeyType.SECP256K1, raw, publicKey);
            this.d = d;
        }

        /** Deterministic (RFC 6979) and low-S, as Bitcoin-style verifiers expect. */
        @Override
        public byte[] sign(byte[] data) {
            BigInteger[] rs = Ecdsa.sign(CURVE, d, sha256(data));
            BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? CURVE.order().subtract(rs[1]) : rs[1];
            return DerWriter.sequence(DerWriter.integer(rs[0]), DerWriter.integer(s));
        }
    }

    /** r and s from a DER SEQUENCE of two INTEGERs, or null when the bytes are not exactly that. */
    static BigInteger[] decodeStrictDer(byte[] signature) {
        try {
            DerReader outer = DerReader.of(signature);
            DerReader seq = outer.readSequence();
            outer.requireEnd();
            BigInteger r = seq.readInteger();
            BigInteger s = seq.readInteger();
            seq.requireEnd();
            return new BigInteger[] {r, s};
        } catch (DerException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
