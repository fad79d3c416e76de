package io.wirepunch.core.node;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.ObservedAddress;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How peers see this node's listening ports: the observed addresses of connections dialled from a
 * listening port, most observers first. Those are where a remote's hole-punch dial can arrive; a
 * connection from an ephemeral port was mapped by the NAT to a port nobody else can use.
 */
final class ObservedListenAddrs {
    private ObservedListenAddrs() {}

    static List<Multiaddr> of(Host host, List<ObservedAddress> observed) {
        Set<Integer> ports = new HashSet<>();
        for (Multiaddr a : host.listenAddrs()) {
            try {
                ports.add(a.toInetSocketAddress().getPort());
            } catch (RuntimeException e) {
                // not a TCP address
            }
        }
        return observed.stream()
                .filter(o -> ports.contains(o.local().getPort()))
                .sorted(Comparator.comparingInt(ObservedAddress::observers).reversed())
                .map(o -> Multiaddr.fromInetSocketAddress(o.external()))
                .distinct()
                .toList();
    }
}
