package io.wirepunch.core.identity;

/** Shared parts of decoded private keys: the Data bytes they came from, and a toString that hides them. */
abstract class EncodedPrivateKey implements PrivateKey {
    private final KeyType type;
    private final byte[] raw;
    private final PublicKey publicKey;

    EncodedPrivateKey(KeyType type, byte[] raw, PublicKey publicKey) {
        this.type = type;
        this.raw = raw.clone();
        this.publicKey = publicKey;
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
    public final PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public final String toString() {
        return type + "PrivateKey[" + publicKey.peerId() + ", secret hidden]";
    }
}
