package io.wirepunch.core.nat.upnp;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A TCP port forwarded by the gateway.
 *
 * @param external the gateway's external IP and the forwarded port
 * @param internal the LAN address and port the gateway forwards to
 * @param lease how long each grant lasts; {@link Duration#ZERO} when the gateway only grants permanent ones
 * @param mappedAt when the mapping was first granted
 * @param renewedAt when it was last granted (equal to {@code mappedAt} until the first renewal)
 */
public record PortMapping(InetSocketAddress external, InetSocketAddress internal, Duration lease,
                          Instant mappedAt, Instant renewedAt) {
    public PortMapping {
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(internal, "internal");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(mappedAt, "mappedAt");
        Objects.requireNonNull(renewedAt, "renewedAt");
    }

    /** {@code /ip4/<external ip>/tcp/<external port>}. */
    public Multiaddr externalMultiaddr() {
        return Multiaddr.fromInetSocketAddress(external);
    }

    public Multiaddr internalMultiaddr() {
        return Multiaddr.fromInetSocketAddress(internal);
    }

    /** When the current grant runs out; never for a permanent one. */
    public Instant expiresAt() {
        return lease.isZero() ? Instant.MAX : renewedAt.plus(lease);
    }

    PortMapping renewed(Instant at) {
        return new PortMapping(external, internal, lease, mappedAt, at);
    }
}
