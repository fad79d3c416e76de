package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.ObservedAddressFeed;
import io.wirepunch.core.nat.PublicRanges;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The addresses we ask one server to dial: our listen ports at the IP that server sees us at (a
 * server dials nothing else), then our confirmed observed addresses and public listen addresses.
 * Only public ones, at most {@link #MAX_CANDIDATES}.
 */
final class CandidateAddresses implements Function<Connection, List<Multiaddr>> {
    /** Twice what a server dials per request, so other servers' views still fit. */
    static final int MAX_CANDIDATES = 2 * AutoNatServerConfig.MAX_DIALS_PER_REQUEST;

    private final Host host;
    private final ObservedAddressFeed feed;
    private final PublicRanges publicRanges;

    CandidateAddresses(Host host, ObservedAddressFeed feed, PublicRanges publicRanges) {
        this.host = host;
        this.feed = feed;
        this.publicRanges = publicRanges;
    }

    @Override
    public List<Multiaddr> apply(Connection server) {
        Set<Multiaddr> out = new LinkedHashSet<>();
        feed.observedIp(server).filter(publicRanges::isPublic).ifPresent(ip -> {
            for (Multiaddr listen : host.listenAddrs()) {
                InetSocketAddress l = listen.toInetSocketAddress();
                if (sameFamily(l.getAddress(), ip)) {
                    out.add(Multiaddr.fromInetSocketAddress(new InetSocketAddress(ip, l.getPort())));
                }
            }
        });
        out.addAll(feed.announced());
        host.dialableListenAddrs().stream().filter(publicRanges::isPublic).forEach(out::add);
        return out.stream().limit(MAX_CANDIDATES).toList();
    }

    private static boolean sameFamily(InetAddress a, InetAddress b) {
        return a.getAddress().length == b.getAddress().length;
    }
}
