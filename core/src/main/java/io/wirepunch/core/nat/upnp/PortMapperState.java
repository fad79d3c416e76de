package io.wirepunch.core.nat.upnp;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link PortMapper} knows, for reports.
 *
 * @param phase where it stands
 * @param gateway the gateway found (its name and where it answered), or none
 * @param externalIp the external IP the gateway reported, or none
 * @param reason why there is no mapping, when {@code phase} is {@link Phase#UNAVAILABLE}
 * @param mapping the current mapping (external and internal address, lease, last renewal), or none
 * @param errors the most recent errors, oldest first, at most {@link UpnpConfig#MAX_ERRORS_KEPT}
 */
public record PortMapperState(Phase phase, Optional<String> gateway, Optional<InetAddress> externalIp, Optional<String> reason,
                              Optional<PortMapping> mapping, List<String> errors) {
    public enum Phase {
        /** Nothing asked yet. */
        IDLE,
        /** Looking for the gateway and asking it for the port. */
        MAPPING,
        /** The port is forwarded. */
        MAPPED,
        /** No gateway, or it refused or lost the mapping; {@code reason} says which. */
        UNAVAILABLE,
        /** Closed: the mapping was removed (or could not be, see {@code errors}). */
        CLOSED
    }

    public PortMapperState {
        errors = List.copyOf(errors);
    }

    static PortMapperState idle() {
        return new PortMapperState(Phase.IDLE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }
}
