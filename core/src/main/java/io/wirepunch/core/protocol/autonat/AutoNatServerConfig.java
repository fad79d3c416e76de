package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.nat.PublicRanges;
import java.time.Duration;

/**
 * How an AutoNAT server helps others. The defaults are go-libp2p's throttling (30 requests a
 * minute in all, 3 per peer) with a per-subnet limit on top, so that one host cannot make up peer
 * ids to get more.
 *
 * @param publicRanges which requester IPs count as public; only those are dialled back
 * @param allowSameIp dial back requesters at one of our own IPs: for single-host testbeds only,
 *     since a dial over our own IP says nothing about reachability from outside
 * @param dialBackTimeout how long all dials of one request may take together
 * @param maxDialsPerRequest addresses tried per request at most
 * @param globalRequestsPerMinute requests served a minute, from everyone together
 * @param requestsPerPeerPerMinute requests served a minute to one peer
 * @param requestsPerSubnetPerMinute requests served a minute to one IPv4 /24 or IPv6 /48
 */
public record AutoNatServerConfig(PublicRanges publicRanges, boolean allowSameIp, Duration dialBackTimeout,
                                  int maxDialsPerRequest, int globalRequestsPerMinute, int requestsPerPeerPerMinute,
                                  int requestsPerSubnetPerMinute) {
    /** go-libp2p's dial timeout; below the client's {@link AutoNatProtocol#REQUEST_TIMEOUT}. */
    public static final Duration DIAL_BACK_TIMEOUT = Duration.ofSeconds(15);
    /** No amplification: one request makes a few dials at most, all to the requester's own IP. */
    public static final int MAX_DIALS_PER_REQUEST = 4;
    public static final int GLOBAL_REQUESTS_PER_MINUTE = 30;
    public static final int REQUESTS_PER_PEER_PER_MINUTE = 3;
    public static final int REQUESTS_PER_SUBNET_PER_MINUTE = 6;
    public static final int SUBNET_PREFIX_IPV4 = 24;
    public static final int SUBNET_PREFIX_IPV6 = 48;

    public AutoNatServerConfig {
        if (dialBackTimeout.isNegative() || dialBackTimeout.isZero()) {
            throw new IllegalArgumentException("dial-back timeout must be positive");
        }
        if (maxDialsPerRequest < 1 || globalRequestsPerMinute < 1 || requestsPerPeerPerMinute < 1
                || requestsPerSubnetPerMinute < 1) {
            throw new IllegalArgumentException("AutoNAT server limits must be at least 1");
        }
    }

    public static AutoNatServerConfig defaults(PublicRanges publicRanges) {
        return new AutoNatServerConfig(publicRanges, false, DIAL_BACK_TIMEOUT, MAX_DIALS_PER_REQUEST,
                GLOBAL_REQUESTS_PER_MINUTE, REQUESTS_PER_PEER_PER_MINUTE, REQUESTS_PER_SUBNET_PER_MINUTE);
    }

    public AutoNatServerConfig withAllowSameIp(boolean allow) {
        return new AutoNatServerConfig(publicRanges, allow, dialBackTimeout, maxDialsPerRequest,
                globalRequestsPerMinute, requestsPerPeerPerMinute, requestsPerSubnetPerMinute);
    }

    public AutoNatServerConfig withDialBackTimeout(Duration timeout) {
        return new AutoNatServerConfig(publicRanges, allowSameIp, timeout, maxDialsPerRequest,
                globalRequestsPerMinute, requestsPerPeerPerMinute, requestsPerSubnetPerMinute);
    }

    public AutoNatServerConfig withRequestsPerMinute(int global, int perPeer, int perSubnet) {
        return new AutoNatServerConfig(publicRanges, allowSameIp, dialBackTimeout, maxDialsPerRequest,
                global, perPeer, perSubnet);
    }
}
