package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the store holds about one peer that has not expired: where it is reachable, what it routes,
 * which networks it is said to belong to, and its latest heartbeat.
 */
public record PeerKnowledge(PeerId peer, List<Multiaddr> endpoints, List<Multiaddr> relayAddrs,
                            List<Cidr> allowedIps, Set<String> networks, Optional<Alive> alive) {

    public PeerKnowledge {
        endpoints = List.copyOf(endpoints);
        relayAddrs = List.copyOf(relayAddrs);
        allowedIps = List.copyOf(allowedIps);
        networks = Set.copyOf(networks);
    }

    /** The latest ALIVE fact: the boot id (a new one means the peer restarted) and when it was issued. */
    public record Alive(byte[] bootId, Instant lastSeen) {
        public Alive {
            bootId = bootId.clone();
        }

        @Override
        public byte[] bootId() {
            return bootId.clone();
        }
    }

    public boolean isEmpty() {
        return endpoints.isEmpty() && relayAddrs.isEmpty() && allowedIps.isEmpty() && networks.isEmpty()
                && alive.isEmpty();
    }
}
