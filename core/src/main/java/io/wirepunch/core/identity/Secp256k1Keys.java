package io.wirepunch.core.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 keys as libp2p encodes them: the public key is the 33-byte compressed point, the
 * private key the 32-byte scalar; signatures are DER-encoded ECDSA over SHA-256 (BouncyCastle,
 * since the JDK dropped this curve).
 */
final class Secp256k1Keys {
    static final int PUBLIC_KEY_BYTES = 33;
    static final int PRIVATE_KEY_BYTES = 32;
    /** A DER signature of two 33-byte integers is 72 bytes; anything longer is not one. */
    static final int MAX_SIGNATURE_BYTES = 72;

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);
    private static final BigInteger HALF_ORDER = DOMAIN.getN().shiftRight(1);

    private Secp256k1Keys() {}

    static PublicKey publicFromRaw(byte[] raw) {
        if (raw.length != PUBLIC_KEY_BYTES || (raw[0] != 0x02 && raw[0] != 0x03)) {
            throw new InvalidKeyException("secp256k1 public key must be a 33-byte compressed point (02/03 prefix), got "
                    + raw.length + " bytes");
        }
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("secp256k1 public key is not a point on the curve", e);
        }
        return new Public(raw, point);
    }

    static PrivateKey privateFromRaw(byte[] raw) {
        if (raw.length != PRIVATE_KEY_BYTES) {
            throw new InvalidKeyException("secp256k1 private key must be 32 bytes, got " + raw.length);
        }
        BigInteger d = new BigInteger(1, raw);
        if (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new InvalidKeyException("secp256k1 private key is outside the curve order");
        }
        ECPoint q = DOMAIN.getG().multiply(d).normalize();
        return new Private(raw, d, new Public(q.getEncoded(true), q));
    }

    private static final class Public extends EncodedPublicKey {
        private final ECPublicKeyParameters params;

        Public(byte[] raw, ECPoint point) {
            super(KeyType.SECP256K1, raw);
            this.params = new ECPublicKeyParameters(point, DOMAIN);
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            if (signature.length > MAX_SIGNATURE_BYTES) {
                return false;
            }
            BigInteger[] rs = decodeStrictDer(signature);
            if (rs == null) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, params);
            return verifier.verifySignature(sha256(data), rs[0], rs[1]);
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
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
            BigInteger[] rs = signer.generateSignature(sha256(data));
            BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
            try {
                return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)})
                        .getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new IllegalStateException("DER encoding of a signature failed", e);
            }
        }
    }

    /** r and s from a DER SEQUENCE of two INTEGERs, or null when the bytes are not exactly that. */
    static BigInteger[] decodeStrictDer(byte[] signature) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
            if (seq.size() != 2 || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), signature)) {
                return null;
            }
            return new BigInteger[] {
                ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
            };
        } catch (IOException | RuntimeException e) {
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
