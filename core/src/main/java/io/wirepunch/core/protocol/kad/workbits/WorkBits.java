package io.wirepunch.core.protocol.kad.workbits;

import io.wirepunch.core.crypto.blake2b.Blake2b;
import io.wirepunch.core.identity.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The work of a public key in a namespace: leading zero bits of
 * BLAKE2b-256({@link PublicKey#marshal()} ‖ UTF-8 namespace). See the package documentation for
 * why the marshalled key, rather than the raw key, is hashed.
 */
public final class WorkBits {
    /**
     * Most work a network may require. Each bit doubles the expected search (2<sup>32</sup> Ed25519
     * derivations is days on a desktop), so a larger setting is a typo, not a policy.
     */
    public static final int MAX_REQUIRED_BITS = 32;

    /** Longest namespace in UTF-8 bytes: a network name, hashed for every peer checked. */
    public static final int MAX_NAMESPACE_BYTES = 255;

    /** Namespace of a network that names none. */
    public static final String DEFAULT_NAMESPACE = "";

    static final int HASH_BITS = 256;

    private WorkBits() {}

    /** The key's work in {@code namespace}: 0 to 256. */
    public static int of(PublicKey key, String namespace) {
        return leadingZeroBits(hash(key.marshal(), namespaceBytes(namespace)));
    }

    /** True when the key's work in {@code namespace} is at least {@code required} bits. */
    public static boolean meets(PublicKey key, String namespace, int required) {
        checkRequired(required);
        return of(key, namespace) >= required;
    }

    /** Refuses a requirement outside 0..{@link #MAX_REQUIRED_BITS}. */
    public static int checkRequired(int required) {
        if (required < 0) {
            throw new IllegalArgumentException("work bits cannot be negative, got " + required);
        }
        if (required > MAX_REQUIRED_BITS) {
            throw new IllegalArgumentException(
                    "work bits of " + required + " exceed the maximum of " + MAX_REQUIRED_BITS);
        }
        return required;
    }

    /** The namespace in UTF-8, refused when longer than {@link #MAX_NAMESPACE_BYTES}. */
    static byte[] namespaceBytes(String namespace) {
        byte[] bytes = Objects.requireNonNull(namespace, "namespace").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NAMESPACE_BYTES) {
            throw new IllegalArgumentException("namespace of " + bytes.length + " UTF-8 bytes exceeds "
                    + MAX_NAMESPACE_BYTES);
        }
        return bytes;
    }

    static byte[] hash(byte[] marshalledKey, byte[] namespace) {
        return Blake2b.digest(HASH_BITS / Byte.SIZE, marshalledKey, namespace);
    }

    /** Leading zero bits of {@code hash} read as a big-endian bit string. */
    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - (Integer.SIZE - Byte.SIZE);
            }
            bits += Byte.SIZE;
        }
        return bits;
    }
}
