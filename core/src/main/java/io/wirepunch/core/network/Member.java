package io.wirepunch.core.network;

import java.util.Objects;
import java.util.Optional;

/**
 * A trusted peer of the network: a {@code trust} line, or a {@code router} line (a trusted peer
 * that also forwards traffic for the others). It may carry a host name inside the overlay, a fixed
 * overlay IPv4 address ({@link #ip()}, as an int, inside the subnet), and an endpoint.
 */
public record Member(Role role, Optional<String> hostname, Optional<Integer> ip, PeerKey key, Optional<Endpoint> endpoint) {

    public enum Role {
        TRUST("trust"),
        ROUTER("router");

        private final String keyword;

        Role(String keyword) {
            this.keyword = keyword;
        }

        /** The directive that starts the line. */
        public String keyword() {
            return keyword;
        }
    }

    public Member {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(endpoint, "endpoint");
        hostname.ifPresent(h -> {
            String problem = Hostnames.problem(h, true);
            if (problem != null) {
                throw new IllegalArgumentException("host name '" + h + "' " + problem);
            }
        });
    }

    /** A trusted member with only its key. */
    public static Member trusted(PeerKey key) {
        return new Member(Role.TRUST, Optional.empty(), Optional.empty(), key, Optional.empty());
    }
}
