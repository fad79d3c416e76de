package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles a hole punch has promised for connections that may still arrive at a listener. When
 * both ends dial at once, the remote's dial can reach our listener before our own dial leaves (on a
 * network without NAT, or through a port mapping); the socket is then an accepted one, but the
 * security negotiation on it must still follow the roles the hole punch assigned. Keyed by the
 * remote socket address the hole punch dials, which is where the remote's dial comes from too.
 */
final class PunchRoles {
    /** Most addresses waited for at once, over all hole punches under way. */
    static final int MAX_EXPECTED = 256;

    record Expected(PeerId peer, Direction role) {}

    private final Map<InetSocketAddress, Expected> byRemote = new ConcurrentHashMap<>();

    /** Registers {@code remote}; false when too many are registered already. */
    boolean expect(InetSocketAddress remote, PeerId peer, Direction role) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(role, "role");
        if (byRemote.size() >= MAX_EXPECTED && !byRemote.containsKey(remote)) {
            return false;
        }
        byRemote.put(remote, new Expected(peer, role));
        return true;
    }

    void forget(InetSocketAddress remote, PeerId peer) {
        byRemote.computeIfPresent(remote, (r, e) -> e.peer().equals(peer) ? null : e);
    }

    /** The role promised for an accepted socket from {@code remote}, if any. */
    Expected lookup(java.net.SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? byRemote.get(inet) : null;
    }

    int size() {
        return byRemote.size();
    }
}
