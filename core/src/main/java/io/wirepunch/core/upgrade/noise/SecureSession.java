package io.wirepunch.core.upgrade.noise;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * Who is on the other end of a completed Noise handshake. Fired as a user event down the
 * pipeline once the connection is encrypted, and the value of the handshake's completion stage.
 *
 * @param remoteStreamMuxers the muxers the remote offered in its handshake payload (early muxer
 *     negotiation); empty when it offered none
 */
public record SecureSession(PeerId remotePeerId, PublicKey remoteIdentityKey, List<String> remoteStreamMuxers) {
    public SecureSession {
        Objects.requireNonNull(remotePeerId, "remotePeerId");
        Objects.requireNonNull(remoteIdentityKey, "remoteIdentityKey");
        remoteStreamMuxers = List.copyOf(remoteStreamMuxers);
    }
}
