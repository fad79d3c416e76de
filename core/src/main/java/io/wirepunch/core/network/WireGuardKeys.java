package io.wirepunch.core.network;

import io.wirepunch.core.identity.Ed25519Keys;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.KeyType;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.PublicKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A peer's Ed25519 identity seen as a WireGuard-style X25519 key pair.
 *
 * <p>The public key is the Montgomery u-coordinate of the Ed25519 point, by the birational map
 * {@code u = (1 + y) / (1 - y) mod 2^255 - 19}, with y read from the 32-byte encoding (little-endian,
 * its top bit, the sign of x, cleared). The map forgets the sign of x, so the two Ed25519 keys that
 * differ only in that bit share one X25519 key; only the holder of the private key can use either.
 *
 * <p>The private scalar is the one Ed25519 itself signs with: the first 32 bytes of SHA-512 of the
 * seed, clamped as RFC 7748 prescribes, so that X25519(scalar, 9) is the public key above.
 *
 * <p>Keys are printed as WireGuard prints them: standard base64 of the 32 bytes, 44 characters.
 */
public final class WireGuardKeys {
    public static final int KEY_BYTES = 32;
    /** Length of the base64 text of a key: 32 bytes are 44 characters, the last one '='. */
    public static final int TEXT_LENGTH = 44;

    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private WireGuardKeys() {}

    /** The X25519 public key (32 bytes, little-endian u) of an Ed25519 public key. */
    public static byte[] publicKey(PublicKey ed25519) {
        if (ed25519.type() != KeyType.ED25519) {
            throw new InvalidKeyException("only Ed25519 keys have an X25519 form, not " + ed25519.type());
        }
        return publicKeyFromEd25519(ed25519.raw());
    }

    /** The X25519 public key of a raw 32-byte Ed25519 public key encoding. */
    static byte[] publicKeyFromEd25519(byte[] encoded) {
        if (encoded.length != Ed25519Keys.PUBLIC_KEY_BYTES) {
            throw new InvalidKeyException("Ed25519 public key must be 32 bytes, got " + encoded.length);
        }
        byte[] bigEndian = reverse(encoded);
        bigEndian[0] &= 0x7F; // the sign of x
        BigInteger y = new BigInteger(1, bigEndian);
        if (y.compareTo(P) >= 0) {
            throw new InvalidKeyException("Ed25519 public key has a non-canonical y coordinate");
        }
        BigInteger oneMinusY = BigInteger.ONE.subtract(y).mod(P);
        if (oneMinusY.signum() == 0) {
            throw new InvalidKeyException("Ed25519 public key is the neutral point, which has no X25519 form");
        }
        BigInteger u = BigInteger.ONE.add(y).multiply(oneMinusY.modInverse(P)).mod(P);
        return littleEndian(u);
    }

    /** The X25519 private scalar (32 bytes, clamped) of our own Ed25519 private key. */
    public static byte[] privateKey(PrivateKey ed25519) {
        if (ed25519.type() != KeyType.ED25519) {
            throw new InvalidKeyException("only Ed25519 keys have an X25519 form, not " + ed25519.type());
        }
        byte[] raw = ed25519.raw();
        byte[] seed = Arrays.copyOf(raw, Ed25519Keys.SEED_BYTES);
        Arrays.fill(raw, (byte) 0);
        byte[] hash = sha512(seed);
        Arrays.fill(seed, (byte) 0);
        byte[] scalar = Arrays.copyOf(hash, KEY_BYTES);
        Arrays.fill(hash, (byte) 0);
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return scalar;
    }

    /** WireGuard's text form of a 32-byte key: standard base64, 44 characters. */
    public static String toText(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a WireGuard key is 32 bytes, got " + key.length);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Parses WireGuard's text form strictly: 44 characters of standard base64 that decode to 32
     * bytes and encode back to the same text (so every key has exactly one spelling).
     */
    public static byte[] fromText(String text) {
        if (text.length() != TEXT_LENGTH) {
            throw new InvalidKeyException("a WireGuard key is " + TEXT_LENGTH + " base64 characters, got " + text.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("a WireGuard key is standard base64: " + e.getMessage(), e);
        }
        if (key.length != KEY_BYTES || !toText(key).equals(text)) {
            throw new InvalidKeyException("not the base64 of a 32-byte key");
        }
        return key;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
