package io.wirepunch.core.nat;

import java.time.Duration;

/**
 * When an observed address counts as confirmed.
 *
 * @param confirmations distinct observer groups that must report the same external address for a
 *     local endpoint, within {@code ttl}
 * @param ttl how long a report counts after it was last made; reports of open connections are renewed
 * @param ipv4ObserverPrefix observers whose IPv4 addresses share this many leading bits are one group
 * @param ipv6ObserverPrefix the same for IPv6
 * @param observersByPeer count each peer as its own group whatever its address: for single-host
 *     testbeds, where every observer has the same IP; never on a real network, where one host can
 *     make up any number of peer ids
 * @param testbedRanges ranges declared public for a testbed: observers inside them are grouped by
 *     their full address, since a testbed may put every node into one documentation /24
 */
public record ObservedAddressConfig(int confirmations, Duration ttl, int ipv4ObserverPrefix, int ipv6ObserverPrefix,
                                    boolean observersByPeer, PublicRanges testbedRanges) {
    /**
     * go-libp2p's activation threshold: four observers. It groups IPv4 observers by address and
     * IPv6 by /56; grouping IPv4 by /24 and IPv6 by /48 here means one provider's subnet, where a
     * single operator may hold many addresses, counts once.
     */
    public static final int DEFAULT_CONFIRMATIONS = 4;
    public static final int DEFAULT_IPV4_OBSERVER_PREFIX = 24;
    public static final int DEFAULT_IPV6_OBSERVER_PREFIX = 48;
    /** go-libp2p's observed-address TTL; connections still open renew their reports well within it. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    /** Fewer than two observers cannot tell an address from a lie. */
    public static final int MIN_CONFIRMATIONS = 2;

    public ObservedAddressConfig {
        if (confirmations < MIN_CONFIRMATIONS) {
            throw new IllegalArgumentException("confirmations must be at least " + MIN_CONFIRMATIONS + ", got " + confirmations);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("observation TTL must be positive, got " + ttl);
        }
        if (ipv4ObserverPrefix < 0 || ipv4ObserverPrefix > 32 || ipv6ObserverPrefix < 0 || ipv6ObserverPrefix > 128) {
            throw new IllegalArgumentException("observer prefixes out of range: /" + ipv4ObserverPrefix + ", /" + ipv6ObserverPrefix);
        }
    }

    public static ObservedAddressConfig defaults() {
        return new ObservedAddressConfig(DEFAULT_CONFIRMATIONS, DEFAULT_TTL, DEFAULT_IPV4_OBSERVER_PREFIX,
                DEFAULT_IPV6_OBSERVER_PREFIX, false, PublicRanges.NONE);
    }

    public ObservedAddressConfig withConfirmations(int n) {
        return new ObservedAddressConfig(n, ttl, ipv4ObserverPrefix, ipv6ObserverPrefix, observersByPeer, testbedRanges);
    }

    public ObservedAddressConfig withObserversByPeer(boolean byPeer) {
        return new ObservedAddressConfig(confirmations, ttl, ipv4ObserverPrefix, ipv6ObserverPrefix, byPeer, testbedRanges);
    }

    public ObservedAddressConfig withTestbedRanges(PublicRanges ranges) {
        return new ObservedAddressConfig(confirmations, ttl, ipv4ObserverPrefix, ipv6ObserverPrefix, observersByPeer, ranges);
    }

    /** The group an observation's observer belongs to; one group's reports count once. */
    String observerGroup(Observation o) {
        if (observersByPeer) {
            return "peer " + o.observer();
        }
        boolean v4 = o.observerIp().getAddress().length == 4;
        int prefix = testbedRanges.inExtraRange(o.observerIp()) ? (v4 ? 32 : 128)
                : v4 ? ipv4ObserverPrefix : ipv6ObserverPrefix;
        return Cidr.around(o.observerIp(), prefix).toString();
    }
}
