package io.wirepunch.core.membership;

import io.wirepunch.core.identity.PeerId;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.Optional;

/**
 * A join that happened: the network, the inviter (now a member), the path the connection to it
 * takes, the node's own overlay addresses there, and how long it took from the paste.
 */
public record JoinOutcome(String network, PeerId inviter, boolean relayed, Optional<PeerId> relay,
                          Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6, Duration elapsed) {
    public String path() {
        return relayed ? "relayed" : "direct";
    }
}
