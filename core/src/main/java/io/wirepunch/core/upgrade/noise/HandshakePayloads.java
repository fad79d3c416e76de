package io.wirepunch.core.upgrade.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.upgrade.noise.pb.NoiseProtos.NoiseExtensions;
import io.wirepunch.core.upgrade.noise.pb.NoiseProtos.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The libp2p handshake payload: the identity key, its signature binding the Noise static key to
 * that identity, and extensions. Decoding verifies everything before anything is trusted.
 */
final class HandshakePayloads {
    private static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);
    /** Signatures of every libp2p key type fit easily: RSA-8192 signs with 1 KiB. */
    static final int MAX_SIGNATURE_BYTES = 2048;
    /** Early muxer negotiation offers a handful of protocols; beyond this they are ignored. */
    static final int MAX_STREAM_MUXERS = 32;
    static final int MAX_PROTOCOL_ID_LENGTH = 256;

    private HandshakePayloads() {}

    static byte[] encode(PrivateKey identity, byte[] noiseStaticKey, List<String> streamMuxers) {
        NoiseHandshakePayload.Builder payload = NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identity.publicKey().marshal()))
                .setIdentitySig(ByteString.copyFrom(identity.sign(signedBytes(noiseStaticKey))));
        if (!streamMuxers.isEmpty()) {
            payload.setExtensions(NoiseExtensions.newBuilder().addAllStreamMuxers(streamMuxers));
        }
        return payload.build().toByteArray();
    }

    /**
     * Decodes a remote payload and checks that its identity key signed {@code remoteStaticKey}.
     *
     * @throws NoiseException naming the first thing that is wrong
     */
    static SecureSession decode(byte[] payload, byte[] remoteStaticKey) throws NoiseException {
        NoiseHandshakePayload message;
        try {
            message = NoiseHandshakePayload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseException("handshake payload is not a valid protobuf: " + e.getMessage(), e);
        }
        ByteString keyBytes = message.getIdentityKey();
        ByteString signature = message.getIdentitySig();
        if (keyBytes.isEmpty()) {
            throw new NoiseException("handshake payload has no identity key");
        }
        if (keyBytes.size() > Keys.MAX_MARSHALLED_KEY_BYTES) {
            throw new NoiseException("identity key of " + keyBytes.size() + " bytes exceeds the "
                    + Keys.MAX_MARSHALLED_KEY_BYTES + "-byte limit");
        }
        if (signature.isEmpty()) {
            throw new NoiseException("handshake payload has no identity signature");
        }
        if (signature.size() > MAX_SIGNATURE_BYTES) {
            throw new NoiseException("identity signature of " + signature.size() + " bytes exceeds the "
                    + MAX_SIGNATURE_BYTES + "-byte limit");
        }
        PublicKey identityKey;
        try {
            identityKey = Keys.unmarshalPublic(keyBytes.toByteArray());
        } catch (InvalidKeyException | IllegalArgumentException e) {
            throw new NoiseException("remote identity key is unusable: " + e.getMessage(), e);
        }
        boolean valid;
        try {
            valid = identityKey.verify(signedBytes(remoteStaticKey), signature.toByteArray());
        } catch (InvalidKeyException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new NoiseException("identity signature over the Noise static key is invalid");
        }
        List<String> muxers = message.hasExtensions()
                ? plausibleMuxers(message.getExtensions().getStreamMuxersList())
                : List.of();
        PeerId peerId;
        try {
            peerId = PeerId.fromPublicKey(identityKey);
        } catch (InvalidKeyException | IllegalArgumentException e) {
            throw new NoiseException("no PeerId can be derived from the remote identity key", e);
        }
        return new SecureSession(peerId, identityKey, muxers);
    }

    /**
     * Keeps the first plausible muxer ids. We do not depend on early muxer negotiation, so odd
     * entries are dropped rather than failing a handshake that is otherwise sound.
     */
    private static List<String> plausibleMuxers(List<String> offered) {
        List<String> kept = new ArrayList<>(Math.min(offered.size(), MAX_STREAM_MUXERS));
        for (String muxer : offered) {
            if (kept.size() == MAX_STREAM_MUXERS) {
                break;
            }
            if (!muxer.isEmpty() && muxer.length() <= MAX_PROTOCOL_ID_LENGTH) {
                kept.add(muxer);
            }
        }
        return kept;
    }

    private static byte[] signedBytes(byte[] noiseStaticKey) {
        byte[] data = new byte[SIGNATURE_PREFIX.length + noiseStaticKey.length];
        System.arraycopy(SIGNATURE_PREFIX, 0, data, 0, SIGNATURE_PREFIX.length);
        System.arraycopy(noiseStaticKey, 0, data, SIGNATURE_PREFIX.length, noiseStaticKey.length);
        return data;
    }
}
