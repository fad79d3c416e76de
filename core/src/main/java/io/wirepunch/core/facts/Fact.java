package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.Cidr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one issuer says about one subject: an attribute, its value, when it was said and for how long
 * it holds. Unsigned; {@link SignedFact} adds the issuer and the signature. Every fact that exists
 * is well formed: the constructor checks the value against its attribute, the TTL against
 * {@link FactsProtocol#MIN_TTL} and {@link FactsProtocol#MAX_TTL}, and keeps the issued-at to
 * whole milliseconds, as the wire does.
 */
public final class Fact {
    private final PeerId subject;
    private final Attribute attribute;
    private final byte[] value;
    private final Duration ttl;
    private final Instant issuedAt;

    public Fact(PeerId subject, Attribute attribute, byte[] value, Duration ttl, Instant issuedAt) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.value = value.clone();
        attribute.check(this.value);
        if (ttl.compareTo(FactsProtocol.MIN_TTL) < 0 || ttl.compareTo(FactsProtocol.MAX_TTL) > 0
                || ttl.getNano() != 0) {
            throw new IllegalArgumentException("TTL " + ttl.toSeconds() + " s is not a whole number of seconds from "
                    + FactsProtocol.MIN_TTL.toSeconds() + " to " + FactsProtocol.MAX_TTL.toSeconds());
        }
        this.ttl = ttl;
        if (issuedAt.isBefore(Instant.EPOCH.plusMillis(1)) || issuedAt.isAfter(FactsProtocol.MAX_ISSUED_AT)) {
            throw new IllegalArgumentException("issued-at " + issuedAt + " is not after the epoch and before "
                    + FactsProtocol.MAX_ISSUED_AT);
        }
        this.issuedAt = Instant.ofEpochMilli(issuedAt.toEpochMilli());
    }

    public static Fact endpoint(PeerId subject, Multiaddr addr, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.ENDPOINT, addr.toBytes(), ttl, issuedAt);
    }

    public static Fact relayAddr(PeerId subject, Multiaddr circuit, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.RELAY_ADDR, circuit.toBytes(), ttl, issuedAt);
    }

    public static Fact allowedIp(PeerId subject, Cidr range, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.ALLOWED_IP, Attribute.cidrBytes(range), ttl, issuedAt);
    }

    public static Fact member(PeerId subject, String network, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.MEMBER, network.getBytes(StandardCharsets.UTF_8), ttl, issuedAt);
    }

    public static Fact alive(PeerId subject, byte[] bootId, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.ALIVE, bootId, ttl, issuedAt);
    }

    public static Fact trust(PeerId subject, TrustLevel level, Duration ttl, Instant issuedAt) {
        return new Fact(subject, Attribute.TRUST, new byte[] {(byte) level.ordinal()}, ttl, issuedAt);
    }

    public PeerId subject() {
        return subject;
    }

    public Attribute attribute() {
        return attribute;
    }

    public byte[] value() {
        return value.clone();
    }

    public Duration ttl() {
        return ttl;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** When the fact stops holding: issued-at plus TTL. */
    public Instant expiresAt() {
        return issuedAt.plus(ttl);
    }

    /** The value of an ENDPOINT or RELAY_ADDR fact. */
    public Multiaddr address() {
        require(Attribute.ENDPOINT, Attribute.RELAY_ADDR);
        return Attribute.multiaddr(value);
    }

    /** The value of an ALLOWED_IP fact. */
    public Cidr allowedIp() {
        require(Attribute.ALLOWED_IP);
        return Attribute.cidr(value);
    }

    /** The value of a MEMBER fact. */
    public String network() {
        require(Attribute.MEMBER);
        return Attribute.network(value);
    }

    /** The value of an ALIVE fact. */
    public byte[] bootId() {
        require(Attribute.ALIVE);
        return value.clone();
    }

    /** The value of a TRUST fact. */
    public TrustLevel grantedLevel() {
        require(Attribute.TRUST);
        return TrustLevel.grantable(value[0]);
    }

    /** What the store keys the fact by: subject, attribute, value. */
    public FactKey key() {
        return new FactKey(subject, attribute, value);
    }

    private void require(Attribute... allowed) {
        for (Attribute a : allowed) {
            if (a == attribute) {
                return;
            }
        }
        throw new IllegalStateException("a " + attribute + " fact has no such value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fact f && subject.equals(f.subject) && attribute == f.attribute
                && Arrays.equals(value, f.value) && ttl.equals(f.ttl) && issuedAt.equals(f.issuedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, attribute, Arrays.hashCode(value), ttl, issuedAt);
    }

    @Override
    public String toString() {
        String v = switch (attribute) {
            case ENDPOINT, RELAY_ADDR -> address().toString();
            case ALLOWED_IP -> allowedIp().toString();
            case MEMBER -> network();
            case ALIVE -> HexFormat.of().formatHex(value);
            case TRUST -> grantedLevel().toString();
        };
        return attribute + "(" + subject + ", " + v + ", ttl " + ttl.toSeconds() + " s, issued " + issuedAt + ")";
    }
}
