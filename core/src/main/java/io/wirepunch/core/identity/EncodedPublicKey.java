package io.wirepunch.core.identity;

import java.util.Arrays;

/** Shared parts of the public keys that carry their libp2p Data bytes: equality and printing. */
abstract class EncodedPublicKey implements PublicKey {
    private final KeyType type;
    private final byte[] raw;

    EncodedPublicKey(KeyType type, byte[] raw) {
        this.type = type;
        this.raw = raw.clone();
    }

    @Override
    public final KeyType type() {
        return type;
    }

    @Override
    public final byte[] raw() {
        return raw.clone();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof EncodedPublicKey k && type == k.type && Arrays.equals(raw, k.raw);
    }

    @Override
    public final int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public final String toString() {
        return type + "PublicKey[" + peerId() + "]";
    }
}
