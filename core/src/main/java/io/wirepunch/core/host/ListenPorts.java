package io.wirepunch.core.host;

import io.netty.channel.Channel;
import io.wirepunch.core.transport.TcpTransport;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/** Picks the listening address a dial goes out from, when dials share the listening port. */
final class ListenPorts {
    private ListenPorts() {}

    /**
     * The local address of a listener that can reach {@code remote}: same address family, and a
     * wildcard or loopback address matching the remote's kind, else for an IPv4 remote an IPv6
     * wildcard (dual-stack, as a listener on 0.0.0.0 reports itself). Null when there is none or the
     * transport cannot share ports.
     */
    static InetSocketAddress bindFor(InetSocketAddress remote, List<Channel> listeners, TcpTransport transport) {
        if (transport == null || !transport.supportsPortReuse() || remote.getAddress() == null) {
            return null;
        }
        boolean v4 = remote.getAddress() instanceof Inet4Address;
        boolean loopback = remote.getAddress().isLoopbackAddress();
        InetSocketAddress fallback = null;
        InetSocketAddress dualStack = null;
        for (Channel listener : listeners) {
            if (!(listener.localAddress() instanceof InetSocketAddress local) || local.getAddress() == null) {
                continue;
            }
            if ((local.getAddress() instanceof Inet4Address) != v4) {
                // Java's sockets are dual-stack: a listener asked for 0.0.0.0 reports the IPv6 wildcard,
                // and a dial from [::]:port reaches IPv4 remotes (as v4-mapped addresses) too.
                if (v4 && dualStack == null && local.getAddress().isAnyLocalAddress()) {
                    dualStack = local;
                }
                continue;
            }
            if (local.getAddress().isAnyLocalAddress()) {
                return local;
            }
            if (local.getAddress().isLoopbackAddress() == loopback && fallback == null) {
                fallback = local;
            }
        }
        return fallback != null ? fallback : dualStack;
    }

    /** Whether a dial failed because its local address was taken, not because of the remote. */
    static boolean isLocalClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("address already in use") || m.contains("cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }
}
