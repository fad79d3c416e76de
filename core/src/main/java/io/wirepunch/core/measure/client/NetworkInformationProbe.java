package io.wirepunch.core.measure.client;

import io.wirepunch.core.measure.pb.PunchrProtos;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * What punchr's client tells about the network it measures from. Only {@code supports_ipv6} is
 * filled in, from the host's interfaces: a global unicast IPv6 address on an interface that is up.
 * The router's login page (punchr fetches it from the gateway to tell router models apart) is left
 * out on purpose: it is the user's router, not a measurement.
 */
final class NetworkInformationProbe {
    private NetworkInformationProbe() {
    }

    /** The network information of this host now. */
    static PunchrProtos.NetworkInformation probe() {
        PunchrProtos.NetworkInformation.Builder b = PunchrProtos.NetworkInformation.newBuilder();
        try {
            b.setSupportsIpv6(NetworkInterface.networkInterfaces().filter(NetworkInformationProbe::up)
                    .flatMap(NetworkInterface::inetAddresses).anyMatch(NetworkInformationProbe::isGlobalIpv6));
        } catch (SocketException | RuntimeException e) {
            b.setSupportsIpv6Error("cannot list the network interfaces: " + e.getMessage());
        }
        return b.build();
    }

    /** Whether {@code a} is an IPv6 address that can reach the Internet: not loopback, link-local, unique-local or multicast. */
    static boolean isGlobalIpv6(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return false;
        }
        byte first = a.getAddress()[0];
        boolean uniqueLocal = (first & 0xFE) == 0xFC;
        return !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isSiteLocalAddress() && !a.isMulticastAddress()
                && !a.isAnyLocalAddress() && !uniqueLocal;
    }

    private static boolean up(NetworkInterface nif) {
        try {
            return nif.isUp() && !nif.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
