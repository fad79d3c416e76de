package io.wirepunch.core.facts;

/**
 * How far a receiver trusts a peer's word, a total order: each level may assert everything the
 * levels below it may. What each level may assert is {@link FactAcceptance#permits}; the whole
 * matrix is in docs/FACTS.md.
 *
 * <ul>
 *   <li>{@link #UNTRUSTED}: asserts nothing about others; about itself only what a member may (see
 *       {@link FactAcceptance}), and only once a membership-trusted peer vouched for it.</li>
 *   <li>{@link #ENDPOINT}: ENDPOINT and RELAY_ADDR facts about anyone.</li>
 *   <li>{@link #ALLOWED_IPS}: also ALLOWED_IP facts about anyone (itself included).</li>
 *   <li>{@link #MEMBERSHIP}: also MEMBER facts: who belongs to the network.</li>
 *   <li>{@link #DELEGATE}: also TRUST facts, raising another peer to at most {@link #MEMBERSHIP}.</li>
 * </ul>
 */
public enum TrustLevel {
    UNTRUSTED,
    ENDPOINT,
    ALLOWED_IPS,
    MEMBERSHIP,
    DELEGATE;

    /** The highest level a TRUST fact may grant: a delegate cannot make another delegate. */
    public static final TrustLevel MAX_GRANTABLE = MEMBERSHIP;

    public boolean atLeast(TrustLevel other) {
        return compareTo(other) >= 0;
    }

    public static TrustLevel max(TrustLevel a, TrustLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The level a TRUST fact's value byte names, or null for anything a grant cannot carry. */
    static TrustLevel grantable(int code) {
        return code >= ENDPOINT.ordinal() && code <= MAX_GRANTABLE.ordinal() ? values()[code] : null;
    }
}
