package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the inviter keeps of one invitation it issued: the secret, when it was issued and expires,
 * the network, and whether (and by whom) it was used. {@link #toString()} shows the id, never the secret.
 */
public final class IssuedInvitation {
    private final byte[] secret;
    private final byte[] id;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final NetworkParams network;
    private final Optional<PeerId> usedBy;
    private final boolean used;

    IssuedInvitation(byte[] secret, Instant issuedAt, Instant expiresAt, NetworkParams network, boolean used, Optional<PeerId> usedBy) {
        this.secret = secret.clone();
        this.id = InviteCrypto.invitationId(secret);
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.network = network;
        this.used = used;
        this.usedBy = usedBy;
    }

    IssuedInvitation markUsed(PeerId joiner) {
        return new IssuedInvitation(secret, issuedAt, expiresAt, network, true, Optional.of(joiner));
    }

    byte[] secret() {
        return secret.clone();
    }

    /** The id a joiner names: a hash of the secret. */
    public byte[] id() {
        return id.clone();
    }

    /** The id in hex, as shown to a person and in logs. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public NetworkParams network() {
        return network;
    }

    public boolean used() {
        return used;
    }

    /** The peer that joined with it, once used. */
    public Optional<PeerId> usedBy() {
        return usedBy;
    }

    public boolean isExpired(Clock clock) {
        return !clock.instant().isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "IssuedInvitation[id=" + idHex() + ", network=" + network.name() + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + ", used=" + used + usedBy.map(p -> " by " + p).orElse("") + "]";
    }
}
