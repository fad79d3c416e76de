package io.wirepunch.core.upgrade.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.upgrade.noise.pb.NoiseProtos.NoiseExtensions;
import io.wirepunch.core.upgrade.noise.pb.NoiseProtos.NoiseHandshakePayload;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakePayloadsTest {
    private final PrivateKey identity = Keys.generateEd25519();
    private final byte[] staticKey = X25519.publicBytes(X25519.generateKeyPair());

    @Test
    void roundTripYieldsPeerIdKeyAndMuxers() throws Exception {
        byte[] payload = HandshakePayloads.encode(identity, staticKey, List.of("/yamux/1.0.0"));
        SecureSession session = HandshakePayloads.decode(payload, staticKey);
        assertThat(session.remotePeerId()).isEqualTo(identity.publicKey().peerId());
        assertThat(session.remoteIdentityKey().marshal()).isEqualTo(identity.publicKey().marshal());
        assertThat(session.remoteStreamMuxers()).containsExactly("/yamux/1.0.0");
    }

    @Test
    void signatureForADifferentStaticKeyIsRejected() {
        byte[] payload = HandshakePayloads.encode(identity, staticKey, List.of());
        byte[] otherKey = X25519.publicBytes(X25519.generateKeyPair());
        assertThatThrownBy(() -> HandshakePayloads.decode(payload, otherKey))
                .isInstanceOf(NoiseException.class).hasMessageContaining("signature");
    }

    @Test
    void unknownFieldsAndExtensionsAreIgnored() throws Exception {
        NoiseHandshakePayload valid = NoiseHandshakePayload.parseFrom(HandshakePayloads.encode(identity, staticKey, List.of()));
        byte[] withUnknown = valid.toBuilder()
                .setExtensions(NoiseExtensions.newBuilder().addWebtransportCerthashes(ByteString.copyFromUtf8("x")))
                .build().toByteString()
                .concat(ByteString.copyFrom(new byte[] {(byte) 0xA2, 0x06, 0x02, 0x01, 0x02})) // field 100, bytes
                .toByteArray();
        SecureSession session = HandshakePayloads.decode(withUnknown, staticKey);
        assertThat(session.remoteStreamMuxers()).isEmpty();
    }

    @Test
    void implausibleMuxerEntriesAreDroppedNotFatal() throws Exception {
        List<String> offered = new java.util.ArrayList<>();
        offered.add("");
        offered.add("x".repeat(HandshakePayloads.MAX_PROTOCOL_ID_LENGTH + 1));
        offered.addAll(Collections.nCopies(40, "/yamux/1.0.0"));
        SecureSession session = HandshakePayloads.decode(HandshakePayloads.encode(identity, staticKey, offered), staticKey);
        assertThat(session.remoteStreamMuxers()).hasSize(HandshakePayloads.MAX_STREAM_MUXERS)
                .containsOnly("/yamux/1.0.0");
    }

    @Test
    void missingKeyMissingSignatureOversizeAndGarbageAreRejected() {
        NoiseHandshakePayload noKey = NoiseHandshakePayload.newBuilder()
                .setIdentitySig(ByteString.copyFrom(new byte[64])).build();
        assertRejected(noKey.toByteArray(), "no identity key");

        NoiseHandshakePayload noSig = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identity.publicKey().marshal())).build();
        assertRejected(noSig.toByteArray(), "no identity signature");

        NoiseHandshakePayload hugeKey = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(new byte[Keys.MAX_MARSHALLED_KEY_BYTES + 1]))
                .setIdentitySig(ByteString.copyFrom(new byte[64])).build();
        assertRejected(hugeKey.toByteArray(), "exceeds");

        NoiseHandshakePayload hugeSig = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identity.publicKey().marshal()))
                .setIdentitySig(ByteString.copyFrom(new byte[HandshakePayloads.MAX_SIGNATURE_BYTES + 1])).build();
        assertRejected(hugeSig.toByteArray(), "exceeds");

        NoiseHandshakePayload badKey = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(new byte[] {8, 1, 18, 3, 1, 2, 3}))
                .setIdentitySig(ByteString.copyFrom(new byte[64])).build();
        assertRejected(badKey.toByteArray(), "identity key is unusable");

        assertRejected(new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, 0x03}, "not a valid protobuf");
        assertRejected(new byte[0], "no identity key");
    }

    private void assertRejected(byte[] payload, String reason) {
        assertThatThrownBy(() -> HandshakePayloads.decode(payload, staticKey))
                .isInstanceOf(NoiseException.class).hasMessageContaining(reason);
    }
}
