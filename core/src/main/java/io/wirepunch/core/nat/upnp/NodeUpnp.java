package io.wirepunch.core.nat.upnp;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A node's port mapping: once the host listens, the first IPv4 TCP listen port is forwarded on the
 * gateway and the public address announced through identify; stopping removes the mapping.
 */
public final class NodeUpnp {
    private final Host host;
    private final PortMapper mapper;
    private final CompletableFuture<PortMapping> result = new CompletableFuture<>();
    private volatile Subscription source = () -> { };
    private volatile Subscription changes = () -> { };

    public NodeUpnp(Host host, Clock clock) {
        this(host, new UpnpPortMapper(UpnpConfig.defaults(), clock));
    }

    public NodeUpnp(Host host, PortMapper mapper) {
        this.host = host;
        this.mapper = mapper;
    }

    /** Call once the host listens; the mapping is made in the background, see {@link #result()}. */
    public void start() {
        OptionalInt port = firstIpv4TcpPort(host.listenAddrs());
        if (port.isEmpty()) {
            result.completeExceptionally(new PortMappingException("the node listens on no IPv4 TCP address"));
            return;
        }
        changes = mapper.onChange(host::addressesChanged);
        source = host.addAddressSource(new PortMappingAddressSource(mapper));
        mapper.map(port.getAsInt()).whenComplete((m, e) -> {
            if (e == null) {
                result.complete(m);
            } else {
                result.completeExceptionally(e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
            }
        });
    }

    /** The mapping, or a {@link PortMappingException} saying why there is none; completes within the mapper's limits. */
    public CompletionStage<PortMapping> result() {
        return result.copy();
    }

    public PortMapper mapper() {
        return mapper;
    }

    /** Stops announcing the address and removes the mapping, on a thread of its own; completes when done. */
    public CompletionStage<Void> stop() {
        source.close();
        changes.close();
        return CompletableFuture.runAsync(mapper::close, r -> {
            Thread t = new Thread(r, "upnp-unmap");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * The port of the first {@code /ip4/…/tcp/…} address; failing that, of an {@code /ip6/::/tcp/…}
     * wildcard, which takes IPv4 connections too (the JDK binds {@code /ip4/0.0.0.0} that way).
     */
    public static OptionalInt firstIpv4TcpPort(List<Multiaddr> addrs) {
        for (Multiaddr a : addrs) {
            if (isTcpOver(a, Protocol.IP4)) {
                return OptionalInt.of(a.toInetSocketAddress().getPort());
            }
        }
        for (Multiaddr a : addrs) {
            if (isTcpOver(a, Protocol.IP6) && a.toInetSocketAddress().getAddress().isAnyLocalAddress()) {
                return OptionalInt.of(a.toInetSocketAddress().getPort());
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isTcpOver(Multiaddr a, Protocol ip) {
        var c = a.components();
        return c.size() >= 2 && c.get(0).protocol() == ip && c.get(1).protocol() == Protocol.TCP;
    }

    /** The node command's line: {@code upnp mapped <multiaddr>} or {@code upnp unavailable: <reason>}. */
    public static String reportLine(PortMapping mapping, Throwable error) {
        if (mapping != null) {
            return "upnp mapped " + mapping.externalMultiaddr();
        }
        return "upnp unavailable: " + reason(error);
    }

    /** The reason an exceptional result carries. */
    public static String reason(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e instanceof PortMappingException ? e.getMessage() : String.valueOf(e);
    }

    /**
     * Netcheck's lines: {@code upnp gateway …}, {@code upnp external-ip …}, then {@code upnp mapped
     * <external> -> <internal> (lease N s)} or {@code upnp unavailable: <reason>}.
     */
    public static List<String> reportLines(PortMapperState state, Throwable error) {
        List<String> out = new ArrayList<>();
        state.gateway().ifPresent(g -> out.add("upnp gateway " + g));
        state.externalIp().ifPresent(ip -> out.add("upnp external-ip " + ip.getHostAddress()));
        if (state.mapping().isPresent()) {
            PortMapping m = state.mapping().get();
            out.add("upnp mapped " + m.externalMultiaddr() + " -> " + m.internalMultiaddr()
                    + " (lease " + (m.lease().isZero() ? "permanent" : m.lease().toSeconds() + " s") + ")");
        } else {
            out.add("upnp unavailable: " + state.reason().orElseGet(() -> error == null ? "no answer yet" : reason(error)));
        }
        return out;
    }
}
