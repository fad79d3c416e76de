package io.wirepunch.core.holepunch;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What both ends of a hole punch need from the node. */
record HolePunchContext(Host host, HolePunchConfig config, Supplier<List<Multiaddr>> observedAddrs, Clock clock,
                        Consumer<HolePunchEvent> events) {

    /** The addresses this node offers in CONNECT. */
    List<Multiaddr> ownAddrs() {
        return Candidates.own(host.advertisedAddrs(), observedAddrs.get(), config.publicRanges(),
                DcutrProtocol.MAX_OBSERVED_ADDRS);
    }

    /**
     * Addresses of this node, never dialled as a remote's candidates. Only whole addresses: two
     * peers behind one NAT share its IP, and peers on one machine share loopback.
     */
    Set<InetSocketAddress> ownEndpoints(List<Multiaddr> offered) {
        Set<InetSocketAddress> ips = new HashSet<>();
        for (List<Multiaddr> list : List.of(offered, host.listenAddrs())) {
            for (Multiaddr a : list) {
                try {
                    ips.add(a.toInetSocketAddress());
                } catch (RuntimeException e) {
                    // not an IP address
                }
            }
        }
        return ips;
    }

    List<Multiaddr> dialable(List<Multiaddr> theirs, List<Multiaddr> ours) {
        return Candidates.dialable(theirs, config.publicRanges(), ownEndpoints(ours));
    }
}
