package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.DialOptions;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.concurrent.CompletionStage;

/**
 * Dials back through the host, always on a new connection (the requester is connected already, and
 * only a new connection proves it can be reached), authenticated as {@code peer}, and closes it.
 */
final class HostDialBacker implements DialBacker {
    private final Host host;

    HostDialBacker(Host host) {
        this.host = host;
    }

    @Override
    public CompletionStage<Multiaddr> dialBack(PeerId peer, Multiaddr addr) {
        return host.connect(addr.withPeerId(peer), DialOptions.forceNew())
                .thenCompose(c -> c.close().thenApply(v -> c.remoteAddr()));
    }

    @Override
    public boolean hasRoom() {
        return host.connections().size() < host.connections().limits().maxConnections();
    }
}
