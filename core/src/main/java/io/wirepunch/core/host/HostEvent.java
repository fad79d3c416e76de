package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;

/** What the host tells its subscribers; one record per kind of event. */
public sealed interface HostEvent {

    /** A connection finished its upgrade (Noise, Yamux) and is ready for streams. */
    record Connected(Connection connection) implements HostEvent {}

    /** A connection closed, for whatever reason. */
    record Disconnected(Connection connection) implements HostEvent {}

    /**
     * A peer told us who it is through identify or identify push, on {@code connection}: its
     * {@code observedAddr} (null when it sent none) is how it sees that connection's local end.
     */
    record Identified(PeerId peer, String agentVersion, String protocolVersion, List<String> protocols,
                      List<Multiaddr> listenAddrs, Multiaddr observedAddr, boolean push,
                      Connection connection) implements HostEvent {}
}
