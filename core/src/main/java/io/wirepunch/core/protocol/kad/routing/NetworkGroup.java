package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The network a peer is counted in for the routing table's diversity limit: an IPv4 /24 or an
 * IPv6 /48, the blocks one operator typically controls, so that one operator cannot fill a bucket.
 *
 * <p>A peer with several addresses is counted once, by the first public address it lists, or the
 * first address of any kind when none is public. Counting every address would let one peer take
 * several slots of the limit and would shut out honest multi-homed peers that also list a busy
 * private range (every home router hands out 192.168.1.0/24); picking the first public one counts
 * the peer where the internet reaches it. Callers should list the address they actually reached the
 * peer on first, since that one is verified and the rest are the peer's own claims. Relay
 * ({@code /p2p-circuit}) addresses are ignored: their IP is the relay's, not the peer's. A peer
 * without any IP address (DNS names only) belongs to {@link #NONE}, which the limit does not apply to.
 */
public record NetworkGroup(String prefix) {
    public static final int IPV4_PREFIX_BITS = 24;
    public static final int IPV6_PREFIX_BITS = 48;
    public static final NetworkGroup NONE = new NetworkGroup("none");

    public static NetworkGroup of(List<Multiaddr> addresses) {
        InetAddress fallback = null;
        for (Multiaddr address : addresses) {
            Optional<InetAddress> ip = ipOf(address);
            if (ip.isEmpty()) {
                continue;
            }
            if (isPublic(ip.get())) {
                return of(ip.get());
            }
            if (fallback == null) {
                fallback = ip.get();
            }
        }
        return fallback == null ? NONE : of(fallback);
    }

    public static NetworkGroup of(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        if (ip instanceof Inet4Address) {
            return new NetworkGroup("ip4/" + (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF)
                    + ".0/" + IPV4_PREFIX_BITS);
        }
        return new NetworkGroup("ip6/" + HexFormat.of().formatHex(Arrays.copyOf(bytes, IPV6_PREFIX_BITS / 8))
                + "/" + IPV6_PREFIX_BITS);
    }

    /** True when the diversity limit counts peers of this group (everything but {@link #NONE}). */
    public boolean isLimited() {
        return !equals(NONE);
    }

    private static Optional<InetAddress> ipOf(Multiaddr address) {
        if (address.isCircuit()) {
            return Optional.empty();
        }
        for (Component component : address.components()) {
            Protocol protocol = component.protocol();
            if (protocol == Protocol.IP6ZONE) {
                continue;
            }
            if (protocol != Protocol.IP4 && protocol != Protocol.IP6) {
                return Optional.empty();
            }
            try {
                // The JDK turns ::ffff:a.b.c.d into the IPv4 address, so mapped addresses share its /24.
                return Optional.of(InetAddress.getByAddress(component.value()));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress ip) {
        if (ip.isAnyLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress()
                || ip.isSiteLocalAddress() || ip.isMulticastAddress()) {
            return false;
        }
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            boolean sharedAddressSpace = (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64; // 100.64.0.0/10, carrier NAT
            return !sharedAddressSpace;
        }
        boolean uniqueLocal = (b[0] & 0xFE) == 0xFC; // fc00::/7
        return !uniqueLocal;
    }
}
