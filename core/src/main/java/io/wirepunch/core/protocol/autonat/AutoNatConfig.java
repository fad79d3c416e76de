package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.nat.ObservedAddressConfig;
import io.wirepunch.core.nat.PublicRanges;

/**
 * Everything about reachability a node can be told: which ranges count as public (the
 * {@code --public-ranges} setting), when observed addresses are confirmed, when to probe, and
 * whether to serve and probe at all.
 *
 * @param allowSameIp peers at our own IP count as outside peers (they are asked, and dialled
 *     back): only for several nodes on one host
 */
public record AutoNatConfig(PublicRanges publicRanges, ObservedAddressConfig observed, ProbeSchedule schedule,
                            boolean serve, boolean probe, boolean allowSameIp) {

    /** The Internet's own public ranges, go-libp2p's timings, serving and probing. */
    public static AutoNatConfig defaults() {
        return new AutoNatConfig(PublicRanges.NONE, ObservedAddressConfig.defaults(), ProbeSchedule.defaults(),
                true, true, false);
    }

    /** Treats {@code ranges} as public, for a testbed: observers there count one per address, too. */
    public AutoNatConfig withPublicRanges(PublicRanges ranges) {
        return new AutoNatConfig(ranges, observed.withTestbedRanges(ranges), schedule, serve, probe, allowSameIp);
    }

    /**
     * Several nodes on one host, all at one IP (loopback tests, a demo on one machine): peers at
     * our IP count as outside peers, each peer is its own observer, and two observers confirm.
     */
    public AutoNatConfig forSingleHost() {
        return new AutoNatConfig(publicRanges, observed.withObserversByPeer(true)
                .withConfirmations(ObservedAddressConfig.MIN_CONFIRMATIONS), schedule, serve, probe, true);
    }

    public AutoNatConfig withSchedule(ProbeSchedule s) {
        return new AutoNatConfig(publicRanges, observed, s, serve, probe, allowSameIp);
    }

    public AutoNatConfig withServe(boolean on) {
        return new AutoNatConfig(publicRanges, observed, schedule, on, probe, allowSameIp);
    }

    public AutoNatConfig withProbe(boolean on) {
        return new AutoNatConfig(publicRanges, observed, schedule, serve, on, allowSameIp);
    }

    public AutoNatServerConfig serverConfig() {
        return AutoNatServerConfig.defaults(publicRanges).withAllowSameIp(allowSameIp);
    }
}
