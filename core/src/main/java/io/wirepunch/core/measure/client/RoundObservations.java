package io.wirepunch.core.measure.client;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.upnp.PortMapping;
import java.util.List;
import java.util.Objects;

/**
 * What a measurement round saw besides the hole-punch record itself.
 *
 * @param client the host that punched
 * @param remoteAddrs the addresses the remote was handed out with
 * @param protocols the protocol filter (multiaddr codes) the server named with the remote
 * @param openAddrs the remote addresses of the connections to the remote open after the hole punch
 * @param hasDirectConns whether one of them was direct
 * @param listenAddrs the host's advertised addresses
 * @param latencies the pings of the round
 * @param natMappings the host's UPnP port mappings, if any
 */
public record RoundObservations(PeerId client, List<Multiaddr> remoteAddrs, List<Integer> protocols,
                                List<Multiaddr> openAddrs, boolean hasDirectConns, List<Multiaddr> listenAddrs,
                                List<Latency> latencies, List<PortMapping> natMappings) {
    public RoundObservations {
        Objects.requireNonNull(client, "client");
        remoteAddrs = List.copyOf(remoteAddrs);
        protocols = List.copyOf(protocols);
        openAddrs = List.copyOf(openAddrs);
        listenAddrs = List.copyOf(listenAddrs);
        latencies = List.copyOf(latencies);
        natMappings = List.copyOf(natMappings);
    }
}
