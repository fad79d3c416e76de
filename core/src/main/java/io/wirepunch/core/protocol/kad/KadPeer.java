package io.wirepunch.core.protocol.kad;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;

/** A peer named in a closer-peers or provider-peers list: its id, its addresses, and how the sender reaches it. */
public record KadPeer(PeerId id, List<Multiaddr> addrs, Connectedness connection) {
    public KadPeer {
        addrs = List.copyOf(addrs);
    }

    public KadPeer(PeerId id, List<Multiaddr> addrs) {
        this(id, addrs, Connectedness.NOT_CONNECTED);
    }

    /** The spec's ConnectionType, as the sender sees its link to the peer; advisory only. */
    public enum Connectedness {
        NOT_CONNECTED, CONNECTED, CAN_CONNECT, CANNOT_CONNECT
    }
}
