package io.wirepunch.core.nat;

import java.net.InetAddress;
import java.util.List;

/**
 * Where an IP address can be reached from, judged by the IANA special-purpose registries: only
 * {@link #PUBLIC} addresses are worth announcing to, or dialling back for, peers on the Internet.
 * Documentation and benchmarking ranges (203.0.113.0/24, 198.18.0.0/15, 2001:db8::/32 …) are not
 * public here, as in every libp2p stack; a testbed that uses them says so with {@link PublicRanges}.
 */
public enum AddressScope {
    /** Globally routable unicast. */
    PUBLIC,
    /** RFC 1918 and IPv6 unique-local (fc00::/7), site-local (fec0::/10). */
    PRIVATE,
    /** Carrier-grade NAT space, 100.64.0.0/10 (RFC 6598): behind the ISP's NAT, never reachable from outside. */
    SHARED,
    LOOPBACK,
    LINK_LOCAL,
    /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20. */
    DOCUMENTATION,
    /** 198.18.0.0/15 (RFC 2544), 2001:2::/48. */
    BENCHMARKING,
    MULTICAST,
    /** 0.0.0.0/8, :: */
    UNSPECIFIED,
    /** Everything else that is not global unicast: 240.0.0.0/4, 192.0.0.0/24, 100::/64, outside 2000::/3 … */
    RESERVED;

    private record Range(Cidr cidr, AddressScope scope) {}

    // More specific ranges first: the first match wins.
    private static final List<Range> SPECIAL = List.of(
            r("0.0.0.0/8", UNSPECIFIED),
            r("10.0.0.0/8", PRIVATE),
            r("100.64.0.0/10", SHARED),
            r("127.0.0.0/8", LOOPBACK),
            r("169.254.0.0/16", LINK_LOCAL),
            r("172.16.0.0/12", PRIVATE),
            r("192.0.0.0/24", RESERVED),
            r("192.0.2.0/24", DOCUMENTATION),
            r("192.88.99.0/24", RESERVED),
            r("192.168.0.0/16", PRIVATE),
            r("198.18.0.0/15", BENCHMARKING),
            r("198.51.100.0/24", DOCUMENTATION),
            r("203.0.113.0/24", DOCUMENTATION),
            r("224.0.0.0/4", MULTICAST),
            r("240.0.0.0/4", RESERVED),
            r("::/128", UNSPECIFIED),
            r("::1/128", LOOPBACK),
            r("64:ff9b:1::/48", PRIVATE),
            r("100::/64", RESERVED),
            r("2001:2::/48", BENCHMARKING),
            r("2001:db8::/32", DOCUMENTATION),
            r("2001::/23", RESERVED),
            r("3fff::/20", DOCUMENTATION),
            r("2000::/3", PUBLIC),
            r("fc00::/7", PRIVATE),
            r("fe80::/10", LINK_LOCAL),
            r("fec0::/10", PRIVATE),
            r("ff00::/8", MULTICAST));

    private static Range r(String cidr, AddressScope scope) {
        return new Range(Cidr.parse(cidr), scope);
    }

    /**
     * The scope of {@code address}. IPv4-mapped IPv6 addresses arrive here as IPv4 (the JDK converts
     * them). IPv4 outside the special ranges is public; IPv6 is public only inside 2000::/3.
     */
    public static AddressScope of(InetAddress address) {
        for (Range range : SPECIAL) {
            if (range.cidr().contains(address)) {
                return range.scope();
            }
        }
        return address.getAddress().length == 4 ? PUBLIC : RESERVED;
    }
}
