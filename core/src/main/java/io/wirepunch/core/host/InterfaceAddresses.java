package io.wirepunch.core.host;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a listener bound to a wildcard address (0.0.0.0, ::) into the addresses peers can dial:
 * one per address of every interface that is up, of the same IP family. Link-local addresses are
 * left out since they need a zone to be dialled.
 */
final class InterfaceAddresses {
    private InterfaceAddresses() {}

    static List<Multiaddr> expand(InetSocketAddress bound) {
        if (!bound.getAddress().isAnyLocalAddress()) {
            return List.of(Multiaddr.fromInetSocketAddress(bound));
        }
        boolean v6 = bound.getAddress() instanceof Inet6Address;
        List<Multiaddr> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    boolean family = v6 ? a instanceof Inet6Address : a instanceof Inet4Address;
                    if (family && !a.isLinkLocalAddress()) {
                        out.add(Multiaddr.fromInetSocketAddress(new InetSocketAddress(a, bound.getPort())));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of(Multiaddr.fromInetSocketAddress(bound));
        }
        return out.isEmpty() ? List.of(Multiaddr.fromInetSocketAddress(bound)) : List.copyOf(out);
    }
}
