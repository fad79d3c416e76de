package io.wirepunch.core.identity;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.pb.KeyProtos;

/** Decoding of libp2p-marshalled keys of every type. */
public final class Keys {
    /** Largest marshalled key accepted: a 8192-bit RSA public key in PKIX DER is about 1.1 KB. */
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
            default -> throw new InvalidKeyException("unsupported public key type " + pb.getType());
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
            default -> throw new InvalidKeyException("unsupported private key type " + pb.getType());
        };
    }

    private static void checkSize(byte[] bytes) {
        if (bytes.length > MAX_MARSHALLED_KEY_BYTES) {
            throw new InvalidKeyException(
                    "marshalled key of " + bytes.length + " bytes exceeds " + MAX_MARSHALLED_KEY_BYTES);
        }
    }
}
