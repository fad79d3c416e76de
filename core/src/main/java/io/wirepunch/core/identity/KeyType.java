package io.wirepunch.core.identity;

import io.wirepunch.core.identity.pb.KeyProtos;

/** The libp2p key types, with their protobuf enum numbers. */
public enum KeyType {
    RSA(KeyProtos.KeyType.RSA),
    ED25519(KeyProtos.KeyType.Ed25519),
    SECP256K1(KeyProtos.KeyType.Secp256k1),
    ECDSA(KeyProtos.KeyType.ECDSA);

    private final KeyProtos.KeyType proto;

    KeyType(KeyProtos.KeyType proto) {
        this.proto = proto;
    }

    KeyProtos.KeyType proto() {
        return proto;
    }

    static KeyType fromProto(KeyProtos.KeyType proto) {
        for (KeyType t : values()) {
            if (t.proto == proto) {
                return t;
            }
        }
        throw new InvalidKeyException("unknown key type " + proto);
    }
}
