package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.InvitationException.Kind;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An invitation into a network: who invites (their PeerId and where they may be reached), a
 * one-time secret, when it expires, and the network's parameters. Its text form is
 * {@code wp1} followed by a version symbol, the payload and a 6-symbol checksum, all in bech32's
 * lower-case alphabet (docs/INVITATIONS.md). {@link #toString()} never shows the secret.
 */
public final class Invitation {
    /** The human-readable prefix, which the checksum covers. */
    public static final String PREFIX = "wp";
    /** What every invitation string starts with: the prefix and bech32's separator. */
    public static final String START = PREFIX + "1";
    /** The format version this release writes and reads (the first symbol after {@link #START}). */
    public static final int VERSION = 1;
    /** Longest text {@link #parse} looks at, separators and white space included. */
    public static final int MAX_TEXT_CHARS = 4096;
    /** Largest payload, in bytes: room for the longest PeerId, network and every hint at its limit. */
    public static final int MAX_PAYLOAD_BYTES = 1536;
    /** Most address hints an invitation carries. */
    public static final int MAX_HINTS = 8;
    /** Longest address hint, in binary multiaddr bytes (a relay circuit with both ids fits). */
    public static final int MAX_HINT_BYTES = 128;
    /** {@link #encodeGrouped()} puts a dash between groups of this many characters. */
    public static final int GROUP_CHARS = 6;

    static final String MISTYPED = "that invitation was mistyped or cut off: its checksum does not match";

    private final PeerId inviter;
    private final byte[] secret;
    private final Instant expiresAt;
    private final NetworkParams network;
    private final List<Multiaddr> hints;

    private Invitation(PeerId inviter, byte[] secret, Instant expiresAt, NetworkParams network, List<Multiaddr> hints) {
        this.inviter = inviter;
        this.secret = secret;
        this.expiresAt = expiresAt;
        this.network = network;
        this.hints = hints;
    }

    /**
     * An invitation from {@code inviter}. The expiry is kept to the second; a hint ending in the
     * inviter's {@code /p2p} id is kept without it (dial with {@link #dialAddrs()}).
     *
     * @throws IllegalArgumentException for a secret that is not 32 bytes, too many or too long
     *     hints, or a hint that names another peer
     */
    public static Invitation of(PeerId inviter, byte[] secret, Instant expiresAt, NetworkParams network, List<Multiaddr> hints) {
        Objects.requireNonNull(inviter, "inviter");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(network, "network");
        if (secret.length != InviteCrypto.SECRET_BYTES) {
            throw new IllegalArgumentException("an invitation's secret is " + InviteCrypto.SECRET_BYTES + " bytes, not " + secret.length);
        }
        if (expiresAt.getEpochSecond() < 0) {
            throw new IllegalArgumentException("an invitation cannot expire before 1970");
        }
        if (hints.size() > MAX_HINTS) {
            throw new IllegalArgumentException("an invitation carries at most " + MAX_HINTS + " address hints, not " + hints.size());
        }
        List<Multiaddr> kept = new ArrayList<>(hints.size());
        for (Multiaddr hint : hints) {
            kept.add(normalise(inviter, hint));
        }
        return new Invitation(inviter, secret.clone(), expiresAt.truncatedTo(ChronoUnit.SECONDS), network, List.copyOf(kept));
    }

    private static Multiaddr normalise(PeerId inviter, Multiaddr hint) {
        if (hint.isEmpty()) {
            throw new IllegalArgumentException("an address hint is empty");
        }
        Multiaddr bare;
        try {
            bare = hint.withPeerId(inviter).withoutPeerId();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("address hint " + hint + " names a peer other than the inviter");
        }
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("address hint " + hint + " holds nothing but the inviter's id");
        }
        if (bare.toBytes().length > MAX_HINT_BYTES) {
            throw new IllegalArgumentException("address hint " + hint + " is longer than " + MAX_HINT_BYTES + " bytes");
        }
        return bare;
    }

    /** Reads an invitation that must not have expired by the system clock's now. */
    public static Invitation parse(String text) {
        return parse(text, Clock.systemUTC());
    }

    /**
     * Reads an invitation as a person pasted it: case, white space, line breaks and dashes are
     * ignored. Refusals are {@link InvitationException}s whose message is one sentence.
     */
    public static Invitation parse(String text, Clock clock) {
        Invitation invitation = InvitationText.decode(text);
        if (!clock.instant().isBefore(invitation.expiresAt)) {
            throw new InvitationException(Kind.EXPIRED, "that invitation expired at " + invitation.expiresAt
                    + "; ask the inviter for a new one");
        }
        return invitation;
    }

    /** The invitation string: {@code wp1…}, lower case, without separators. */
    public String encode() {
        return InvitationText.encode(this);
    }

    /** {@link #encode()} with a dash every {@link #GROUP_CHARS} characters after {@code wp1}, for reading aloud or typing. */
    public String encodeGrouped() {
        String plain = encode();
        StringBuilder out = new StringBuilder(START);
        for (int i = START.length(); i < plain.length(); i += GROUP_CHARS) {
            if (i > START.length()) {
                out.append('-');
            }
            out.append(plain, i, Math.min(plain.length(), i + GROUP_CHARS));
        }
        return out.toString();
    }

    public PeerId inviter() {
        return inviter;
    }

    /** A copy of the one-time secret; only the proof needs it. */
    byte[] secret() {
        return secret.clone();
    }

    /** The id the joiner names on the wire: a hash of the secret, not the secret. */
    public byte[] id() {
        return InviteCrypto.invitationId(secret);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public NetworkParams network() {
        return network;
    }

    /** Where the inviter may be reached, without the final {@code /p2p} of the inviter. */
    public List<Multiaddr> hints() {
        return hints;
    }

    /** The hints ending in {@code /p2p/<inviter>}, ready to dial. */
    public List<Multiaddr> dialAddrs() {
        return hints.stream().map(h -> h.withPeerId(inviter)).toList();
    }

    public boolean isExpired(Clock clock) {
        return !clock.instant().isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Invitation other && inviter.equals(other.inviter)
                && MessageDigest.isEqual(secret, other.secret) && expiresAt.equals(other.expiresAt)
                && network.equals(other.network) && hints.equals(other.hints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inviter, expiresAt, network, hints);
    }

    @Override
    public String toString() {
        return "Invitation[inviter=" + inviter + ", network=" + network.name() + ", expiresAt=" + expiresAt
                + ", hints=" + hints + ", secret=(hidden)]";
    }
}
