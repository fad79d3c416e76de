package io.wirepunch.core.network;

import io.wirepunch.core.identity.PeerId;
import java.util.Objects;

/**
 * A {@code boot} line: a peer to join the DHT through, and where to reach it. Named by PeerId
 * only, of any key type: it is dialled, and the connection's handshake must prove that id.
 */
public record BootPeer(PeerId id, Endpoint endpoint) {
    public BootPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
