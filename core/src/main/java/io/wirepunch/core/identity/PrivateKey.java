package io.wirepunch.core.identity;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.pb.KeyProtos;

/** A local private key: it signs, and knows its public half. Never logged: toString hides it. */
public interface PrivateKey {

    KeyType type();

    /** The key's bytes as the libp2p spec puts them in the protobuf's Data field. */
    byte[] raw();

    byte[] sign(byte[] data);

    PublicKey publicKey();

    /** The libp2p protobuf encoding, as stored in key files. */
    default byte[] marshal() {
        return KeyProtos.PrivateKey.newBuilder()
                .setType(type().proto())
                .setData(ByteString.copyFrom(raw()))
                .build()
                .toByteArray();
    }
}
