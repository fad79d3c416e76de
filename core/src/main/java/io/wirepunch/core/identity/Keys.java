package io.wirepunch.core.identity;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.pb.KeyProtos;

/**
 * Decoding of libp2p-marshalled keys of every type (Ed25519, secp256k1, ECDSA P-256, RSA). Only
 * Ed25519 keys are generated here; the others are read so that remote peers using them can be
 * verified, and so that existing key files of those types can be imported.
 */
public final class Keys {
    /**
     * Largest marshalled key accepted: an 8192-bit RSA private key in PKCS#1 DER is about 4.7 KB,
     * its public key about 1.1 KB.
     */
    public static final int MAX_MARSHALLED_KEY_BYTES = 8 * 1024;

    private Keys() {}

    public static PrivateKey generateEd25519() {
        return Ed25519Keys.generate();
    }

    public static PublicKey unmarshalPublic(byte[] bytes) {
        checkSize(bytes);
        KeyProtos.PublicKey pb;
        try {
            pb = KeyProtos.PublicKey.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidKeyException("malformed public key protobuf: " + e.getMessage(), e);
        }
        byte[] data = pb.getData().toByteArray();
        return switch (KeyType.fromProto(pb.getType())) {
            case ED25519 -> Ed25519Keys.publicFromRaw(data);
            case SECP256K1 -> Secp256k1Keys.publicFromRaw(data);
            case ECDSA -> EcdsaKeys.publicFromRaw(data);
            case RSA -> RsaKeys.publicFromRaw(data);
        };
    }

    public static PrivateKey unmarshalPrivate(byte[] bytes) {
        checkSize(bytes);
        KeyProtos.PrivateKey pb;
        try {
            pb = KeyProtos.PrivateKey.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidKeyException("malformed private key protobuf", e);
        }
        byte[] data = pb.getData().toByteArray();
        return switch (KeyType.fromProto(pb.getType())) {
            case ED25519 -> Ed25519Keys.privateFromRaw(data);
            case SECP256K1 -> Secp256k1Keys.privateFromRaw(data);
            case ECDSA -> EcdsaKeys.privateFromRaw(data);
            case RSA -> RsaKeys.privateFromRaw(data);
        };
    }

    private static void checkSize(byte[] bytes) {
        if (bytes.length > MAX_MARSHALLED_KEY_BYTES) {
            throw new InvalidKeyException(
                    "marshalled key of " + bytes.length + " bytes exceeds " + MAX_MARSHALLED_KEY_BYTES);
        }
    }
}
