package io.wirepunch.core.multiformats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A multihash: code, digest length, digest. Only single-byte codes and lengths (below 0x80) are
 * read, which covers identity and sha2-256, the two hashes a PeerId can use; anything longer is
 * refused rather than half-supported.
 */
public final class Multihash {
    public static final int IDENTITY = 0x00;
    public static final int SHA2_256 = 0x12;
    public static final int SHA2_256_LENGTH = 32;
    private static final int SINGLE_BYTE_LIMIT = 0x80;

    private final int code;
    private final byte[] digest;

    private Multihash(int code, byte[] digest) {
        this.code = code;
        this.digest = digest;
    }

    public static Multihash of(int code, byte[] digest) {
        if (code < 0 || code >= SINGLE_BYTE_LIMIT || digest.length >= SINGLE_BYTE_LIMIT) {
            throw new IllegalArgumentException("multihash code or length beyond 127 is not supported");
        }
        if (code == SHA2_256 && digest.length != SHA2_256_LENGTH) {
            throw new IllegalArgumentException("sha2-256 multihash must carry 32 bytes, got " + digest.length);
        }
        return new Multihash(code, digest.clone());
    }

    /** The sha2-256 multihash of {@code data}, as content is addressed in CIDs. */
    public static Multihash sha256(byte[] data) {
        try {
            return new Multihash(SHA2_256, MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** Parses exactly one multihash that fills {@code bytes}. */
    public static Multihash decode(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("multihash too short: " + bytes.length + " bytes");
        }
        int code = bytes[0] & 0xFF;
        int length = bytes[1] & 0xFF;
        if (code >= SINGLE_BYTE_LIMIT || length >= SINGLE_BYTE_LIMIT) {
            throw new IllegalArgumentException("multihash code or length beyond 127 is not supported");
        }
        if (length != bytes.length - 2) {
            throw new IllegalArgumentException(
                    "multihash says " + length + " digest bytes but carries " + (bytes.length - 2));
        }
        return of(code, Arrays.copyOfRange(bytes, 2, bytes.length));
    }

    public int code() {
        return code;
    }

    public byte[] digest() {
        return digest.clone();
    }

    public byte[] toBytes() {
        byte[] out = new byte[2 + digest.length];
        out[0] = (byte) code;
        out[1] = (byte) digest.length;
        System.arraycopy(digest, 0, out, 2, digest.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash m && code == m.code && Arrays.equals(digest, m.digest);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(digest);
    }
}
