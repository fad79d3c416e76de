package io.wirepunch.core.identity;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.pb.KeyProtos;

/** A remote or local public key of any libp2p key type; it can verify that type's signatures. */
public interface PublicKey {

    KeyType type();

    /** The key's bytes as the libp2p spec puts them in the protobuf's Data field. */
    byte[] raw();

    /** True only when {@code signature} is a valid signature of {@code data} by this key. */
    boolean verify(byte[] data, byte[] signature);

    /** The libp2p protobuf encoding (deterministic), which PeerIds are derived from. */
    default byte[] marshal() {
        return KeyProtos.PublicKey.newBuilder()
                .setType(type().proto())
                .setData(ByteString.copyFrom(raw()))
                .build()
                .toByteArray();
    }

    default PeerId peerId() {
        return PeerId.fromPublicKey(this);
    }
}
