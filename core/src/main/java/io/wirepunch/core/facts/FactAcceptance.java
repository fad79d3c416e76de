package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which facts a node believes, on the trust lattice {@link TrustLevel}.
 *
 * <p><b>Effective trust.</b> A peer's effective level is the higher of the level the caller
 * configured ({@link TrustPolicy}) and the highest level granted to it by a live TRUST fact whose
 * issuer is configured {@link TrustLevel#DELEGATE}. Grants never exceed
 * {@link TrustLevel#MAX_GRANTABLE}, only a configured delegate's grants count (a granted level never
 * lets its holder grant), and a grant lapses with its fact's TTL.
 *
 * <p><b>Members.</b> A peer is a member of the network when its effective level is at least
 * {@link TrustLevel#ENDPOINT} (the caller knows it), or when the store holds a live MEMBER fact
 * naming it in this network, issued by a peer whose effective level is at least
 * {@link TrustLevel#MEMBERSHIP}. The node itself is a member.
 *
 * <p><b>The matrix</b> ({@link #permits}): with L the issuer's effective level and "self" meaning
 * the issuer is the subject,
 * <ul>
 *   <li>ENDPOINT, RELAY_ADDR: about others at L &ge; ENDPOINT; about itself by any member.</li>
 *   <li>ALIVE: only about itself, by any member; a heartbeat cannot be vouched for by another.</li>
 *   <li>ALLOWED_IP: at L &ge; ALLOWED_IPS, about itself as about others: membership alone lets no
 *       peer claim a range.</li>
 *   <li>MEMBER: at L &ge; MEMBERSHIP, and only for this node's network.</li>
 *   <li>TRUST: only about others, at L = DELEGATE.</li>
 * </ul>
 *
 * <p>Besides: a fact issued by this node itself is never taken from others (it knows its own);
 * a fact issued more than {@link FactsProtocol#MAX_CLOCK_SKEW} in the future, or already expired,
 * is refused. The peer that delivers a fact (the sender) must be a member for its stream to be
 * read at all; each fact is then judged by its issuer alone, so forwarding neither adds nor removes
 * weight. A fact accepted stays until its own TTL even if what allowed it (a MEMBER fact, a grant)
 * lapses earlier.
 */
public final class FactAcceptance {
    private final PeerId self;
    private final String network;
    private final byte[] networkBytes;
    private final TrustPolicy configured;
    private final FactStore store;
    private final Clock clock;

    public FactAcceptance(PeerId self, String network, TrustPolicy configured, FactStore store, Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.networkBytes = network.getBytes(StandardCharsets.UTF_8);
        Attribute.network(networkBytes);
        this.network = network;
        this.configured = Objects.requireNonNull(configured, "configured");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cell of the acceptance matrix: may an issuer at {@code issuerLevel} assert {@code attribute}? */
    public static boolean permits(TrustLevel issuerLevel, boolean issuerIsMember, Attribute attribute, boolean aboutItself) {
        boolean member = issuerIsMember || issuerLevel.atLeast(TrustLevel.ENDPOINT);
        return switch (attribute) {
            case ENDPOINT, RELAY_ADDR -> aboutItself ? member : issuerLevel.atLeast(TrustLevel.ENDPOINT);
            case ALIVE -> aboutItself && member;
            case ALLOWED_IP -> issuerLevel.atLeast(TrustLevel.ALLOWED_IPS);
            case MEMBER -> issuerLevel.atLeast(TrustLevel.MEMBERSHIP);
            case TRUST -> !aboutItself && issuerLevel == TrustLevel.DELEGATE;
        };
    }

    public String network() {
        return network;
    }

    /** The configured level, raised by live grants from configured delegates. */
    public TrustLevel effectiveLevel(PeerId peer) {
        TrustLevel level = configuredLevel(peer);
        if (level.atLeast(TrustLevel.MAX_GRANTABLE)) {
            return level;
        }
        for (SignedFact s : store.about(peer)) {
            if (s.fact().attribute() == Attribute.TRUST && configuredLevel(s.issuer()) == TrustLevel.DELEGATE) {
                level = TrustLevel.max(level, s.fact().grantedLevel());
            }
        }
        return level;
    }

    /** The level the caller configured for {@code peer}; a policy that answers null counts as untrusted. */
    public TrustLevel configuredLevel(PeerId peer) {
        TrustLevel level = configured.level(peer);
        return level == null ? TrustLevel.UNTRUSTED : level;
    }

    /** Whether {@code peer} is a member of the network (see the class comment). */
    public boolean isMember(PeerId peer) {
        if (peer.equals(self) || effectiveLevel(peer).atLeast(TrustLevel.ENDPOINT)) {
            return true;
        }
        Optional<SignedFact> vouch = store.get(new FactKey(peer, Attribute.MEMBER, networkBytes));
        return vouch.isPresent() && effectiveLevel(vouch.get().issuer()).atLeast(TrustLevel.MEMBERSHIP);
    }

    /** Why the node refuses {@code signed}, or empty when it believes it. */
    public Optional<String> refusal(SignedFact signed) {
        Fact fact = signed.fact();
        PeerId issuer = signed.issuer();
        if (issuer.equals(self)) {
            return Optional.of("a fact of our own, coming back");
        }
        Instant now = clock.instant();
        if (fact.issuedAt().isAfter(now.plus(FactsProtocol.MAX_CLOCK_SKEW))) {
            return Optional.of("issued at " + fact.issuedAt() + ", more than " + FactsProtocol.MAX_CLOCK_SKEW.toSeconds()
                    + " s ahead of our clock");
        }
        if (!fact.expiresAt().isAfter(now)) {
            return Optional.of("expired at " + fact.expiresAt());
        }
        if (fact.attribute() == Attribute.MEMBER && !fact.network().equals(network)) {
            return Optional.of("membership of network '" + fact.network() + "', not '" + network + "'");
        }
        TrustLevel level = effectiveLevel(issuer);
        boolean aboutItself = fact.subject().equals(issuer);
        boolean member = level.atLeast(TrustLevel.ENDPOINT) || isMember(issuer);
        if (!permits(level, member, fact.attribute(), aboutItself)) {
            return Optional.of("issuer " + issuer + " at trust " + level + (member ? " (member)" : "")
                    + " may not assert " + fact.attribute() + (aboutItself ? " about itself" : " about " + fact.subject()));
        }
        return Optional.empty();
    }
}
