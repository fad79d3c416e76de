package io.wirepunch.core.nat.upnp;

import java.io.IOException;
import java.time.Duration;

/** Finds the gateway on the LAN. */
@FunctionalInterface
interface GatewayFinder {
    /**
     * The first gateway that answers within {@code timeout} with a usable description.
     *
     * @throws PortMappingException when none does, saying why
     */
    Gateway find(Duration timeout, Duration httpTimeout) throws IOException, PortMappingException;
}
