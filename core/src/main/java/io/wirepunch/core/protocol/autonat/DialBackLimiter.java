package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.nat.Cidr;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts dial-back requests in a sliding window of {@link #WINDOW}: in all, per peer and per
 * subnet. Only admitted requests are remembered, so memory is bounded by the global limit.
 * Thread-safe.
 */
final class DialBackLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final AutoNatServerConfig config;
    private final Deque<Instant> all = new ArrayDeque<>();
    private final Map<PeerId, Deque<Instant>> byPeer = new HashMap<>();
    private final Map<Cidr, Deque<Instant>> bySubnet = new HashMap<>();

    DialBackLimiter(Clock clock, AutoNatServerConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Admits a request and counts it, or says which limit it would cross. */
    synchronized Optional<String> tryAcquire(PeerId peer, InetAddress ip) {
        Instant now = clock.instant();
        Instant horizon = now.minus(WINDOW);
        expire(all, horizon);
        byPeer.values().forEach(q -> expire(q, horizon));
        byPeer.values().removeIf(Deque::isEmpty);
        bySubnet.values().forEach(q -> expire(q, horizon));
        bySubnet.values().removeIf(Deque::isEmpty);

        Cidr subnet = subnetOf(ip);
        if (all.size() >= config.globalRequestsPerMinute()) {
            return Optional.of("too many dial-back requests: " + config.globalRequestsPerMinute() + " a minute in all");
        }
        if (byPeer.getOrDefault(peer, new ArrayDeque<>()).size() >= config.requestsPerPeerPerMinute()) {
            return Optional.of("too many dial-back requests: " + config.requestsPerPeerPerMinute() + " a minute per peer");
        }
        if (bySubnet.getOrDefault(subnet, new ArrayDeque<>()).size() >= config.requestsPerSubnetPerMinute()) {
            return Optional.of("too many dial-back requests: " + config.requestsPerSubnetPerMinute()
                    + " a minute from " + subnet);
        }
        all.add(now);
        byPeer.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(now);
        bySubnet.computeIfAbsent(subnet, s -> new ArrayDeque<>()).add(now);
        return Optional.empty();
    }

    /** A testbed may put every node into one declared range: there each address is its own subnet. */
    private Cidr subnetOf(InetAddress ip) {
        boolean v4 = ip.getAddress().length == 4;
        if (config.publicRanges().inExtraRange(ip)) {
            return Cidr.around(ip, v4 ? 32 : 128);
        }
        return Cidr.around(ip, v4 ? AutoNatServerConfig.SUBNET_PREFIX_IPV4 : AutoNatServerConfig.SUBNET_PREFIX_IPV6);
    }

    private static void expire(Deque<Instant> times, Instant horizon) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
    }
}
