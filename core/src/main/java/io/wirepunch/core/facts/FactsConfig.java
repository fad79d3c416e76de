package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.nat.Cidr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FactsService} says and how often.
 *
 * @param network the network's name (1 to {@link FactsProtocol#MAX_NETWORK_NAME_BYTES} UTF-8 bytes):
 *     MEMBER facts of other networks are refused
 * @param pushInterval how often the node pushes its facts to every connected member
 * @param ttl the TTL of the facts this node issues; longer than the interval, so a fact is renewed
 *     before it lapses
 * @param members peers this node vouches for with MEMBER facts (believed by those who trust it at
 *     {@link TrustLevel#MEMBERSHIP} or above)
 * @param grants trust this node grants with TRUST facts (believed by those who trust it as
 *     {@link TrustLevel#DELEGATE}); each from {@link TrustLevel#ENDPOINT} to {@link TrustLevel#MAX_GRANTABLE}
 * @param allowedIps the ranges this node routes, its overlay addresses, announced as ALLOWED_IP facts
 */
public record FactsConfig(String network, Duration pushInterval, Duration ttl, Set<PeerId> members,
                          Map<PeerId, TrustLevel> grants, List<Cidr> allowedIps) {
    /** How often facts are pushed by default. */
    public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(30);
    /** TTL of our facts by default: four intervals, so three lost pushes in a row lose nothing. */
    public static final Duration DEFAULT_TTL = DEFAULT_PUSH_INTERVAL.multipliedBy(4);

    public FactsConfig {
        Objects.requireNonNull(network, "network");
        Attribute.network(network.getBytes(StandardCharsets.UTF_8));
        if (pushInterval.isNegative() || pushInterval.isZero()) {
            throw new IllegalArgumentException("push interval must be positive");
        }
        if (ttl.compareTo(FactsProtocol.MIN_TTL) < 0 || ttl.compareTo(FactsProtocol.MAX_TTL) > 0 || ttl.getNano() != 0) {
            throw new IllegalArgumentException("fact TTL must be whole seconds from " + FactsProtocol.MIN_TTL.toSeconds()
                    + " to " + FactsProtocol.MAX_TTL.toSeconds() + " s");
        }
        if (ttl.compareTo(pushInterval) <= 0) {
            throw new IllegalArgumentException("fact TTL " + ttl.toSeconds() + " s must be longer than the push interval "
                    + pushInterval.toSeconds() + " s, or facts lapse between pushes");
        }
        members = Set.copyOf(members);
        grants = Map.copyOf(grants);
        grants.forEach((peer, level) -> {
            if (TrustLevel.grantable(level.ordinal()) == null) {
                throw new IllegalArgumentException("cannot grant " + level + " to " + peer + "; grants go from ENDPOINT to "
                        + TrustLevel.MAX_GRANTABLE);
            }
        });
        allowedIps = List.copyOf(allowedIps);
    }

    /** A network's defaults: no members vouched for, no grants, no ranges. */
    public static FactsConfig of(String network) {
        return new FactsConfig(network, DEFAULT_PUSH_INTERVAL, DEFAULT_TTL, Set.of(), Map.of(), List.of());
    }

    public FactsConfig withTiming(Duration pushInterval, Duration ttl) {
        return new FactsConfig(network, pushInterval, ttl, members, grants, allowedIps);
    }

    public FactsConfig withMembers(Set<PeerId> m) {
        return new FactsConfig(network, pushInterval, ttl, m, grants, allowedIps);
    }

    public FactsConfig withGrants(Map<PeerId, TrustLevel> g) {
        return new FactsConfig(network, pushInterval, ttl, members, g, allowedIps);
    }

    public FactsConfig withAllowedIps(List<Cidr> ranges) {
        return new FactsConfig(network, pushInterval, ttl, members, grants, ranges);
    }
}
