package io.wirepunch.core.host;

import io.wirepunch.core.dns.MultiaddrResolver;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.transport.EventLoops;
import io.wirepunch.core.upgrade.yamux.YamuxConfig;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a host runs: who it is, where it listens, and its limits.
 *
 * @param identity the node's identity key
 * @param listenAddrs TCP multiaddrs to listen on (port 0 picks a free port)
 * @param limits connection and stream limits
 * @param yamux the muxer's limits and windows
 * @param clock time source for TTLs and timestamps
 * @param forceNio use Java NIO even where epoll is available
 * @param resolver turns /dns, /dns4, /dns6 and /dnsaddr addresses into dialable ones
 * @param dialFromListenPort dial every TCP connection from the port a listener holds (falling back
 *     to an ephemeral port when that is refused locally), so that the addresses peers observe for
 *     this host are the NAT's mapping of its listening port: what hole punching needs
 * @param eventLoops event loops shared with other hosts in this process, which the host leaves
 *     running when it stops (their creator closes them); none: the host's transport runs loops of
 *     its own ({@code forceNio} then chooses their kind; shared loops were chosen when created)
 */
public record HostConfig(PrivateKey identity, List<Multiaddr> listenAddrs, ConnectionLimits limits,
                         YamuxConfig yamux, Clock clock, boolean forceNio,
                         MultiaddrResolver resolver, boolean dialFromListenPort, Optional<EventLoops> eventLoops) {

    public HostConfig {
        Objects.requireNonNull(eventLoops, "eventLoops");
    }

    public HostConfig(PrivateKey identity, List<Multiaddr> listenAddrs, ConnectionLimits limits,
                      YamuxConfig yamux, Clock clock, boolean forceNio, MultiaddrResolver resolver,
                      boolean dialFromListenPort) {
        this(identity, listenAddrs, limits, yamux, clock, forceNio, resolver, dialFromListenPort, Optional.empty());
    }

    public HostConfig(PrivateKey identity, List<Multiaddr> listenAddrs, ConnectionLimits limits,
                      YamuxConfig yamux, Clock clock, boolean forceNio, MultiaddrResolver resolver) {
        this(identity, listenAddrs, limits, yamux, clock, forceNio, resolver, false);
    }

    public static HostConfig of(PrivateKey identity, List<Multiaddr> listenAddrs) {
        return new HostConfig(identity, List.copyOf(listenAddrs), ConnectionLimits.defaults(),
                YamuxConfig.defaults(), Clock.systemUTC(), false, MultiaddrResolver.system(), false);
    }

    public HostConfig withLimits(ConnectionLimits l) {
        return new HostConfig(identity, listenAddrs, l, yamux, clock, forceNio, resolver, dialFromListenPort, eventLoops);
    }

    public HostConfig withYamux(YamuxConfig y) {
        return new HostConfig(identity, listenAddrs, limits, y, clock, forceNio, resolver, dialFromListenPort, eventLoops);
    }

    public HostConfig withResolver(MultiaddrResolver r) {
        return new HostConfig(identity, listenAddrs, limits, yamux, clock, forceNio, r, dialFromListenPort, eventLoops);
    }

    public HostConfig withDialFromListenPort(boolean on) {
        return new HostConfig(identity, listenAddrs, limits, yamux, clock, forceNio, resolver, on, eventLoops);
    }

    /** On {@code shared} event loops, which the host leaves running when it stops. */
    public HostConfig withEventLoops(EventLoops shared) {
        return new HostConfig(identity, listenAddrs, limits, yamux, clock, forceNio, resolver, dialFromListenPort,
                Optional.of(shared));
    }
}
