package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/** The IPs a host listens on or announces: a peer there is no outside witness of our reachability. */
final class OwnIps {
    private OwnIps() {}

    static Set<InetAddress> of(Host host) {
        Set<InetAddress> ips = new HashSet<>();
        for (Multiaddr a : host.advertisedAddrs()) {
            try {
                ips.add(a.toInetSocketAddress().getAddress());
            } catch (RuntimeException e) {
                // not an IP address: nothing a peer could share with us
            }
        }
        return ips;
    }
}
