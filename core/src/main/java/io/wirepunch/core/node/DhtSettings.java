package io.wirepunch.core.node;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.util.List;

/**
 * How a node takes part in a DHT.
 *
 * @param protocolId the kad protocol, which picks the network: {@link KadProtocol#ID} (the public DHT) or a private one
 * @param mode server answers queries and is added to others' tables; client only asks
 * @param table the routing table's limits
 * @param work the work a peer's key needs in a private DHT; {@link WorkRequirement#NONE} in the public one
 * @param bootstrap peers to join through (each ending in /p2p/&lt;peer id&gt;); none for the first node of a network
 */
public record DhtSettings(String protocolId, Dht.Mode mode, RoutingTableConfig table, WorkRequirement work,
                          List<Multiaddr> bootstrap) {
    public DhtSettings {
        bootstrap = List.copyOf(bootstrap);
        for (Multiaddr peer : bootstrap) {
            if (peer.peerId().isEmpty()) {
                throw new IllegalArgumentException("a bootstrap address must end in /p2p/<peer id>: " + peer);
            }
        }
    }
}
