package io.wirepunch.core.network;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.KeyType;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A network member's key as a configuration names it: a PeerId of an Ed25519 key (the primary
 * form, {@code 12D3KooW…}) or a WireGuard-style base64 X25519 key. Either way the member is
 * identified by its X25519 key, so one peer written both ways is one member, and its overlay
 * addresses do not depend on the form. A WireGuard key names no PeerId: such a member is recognised
 * when it connects and shows its Ed25519 key ({@link #matches}), but cannot be dialled by id.
 * Ordered, compared and hashed by the X25519 key.
 */
public final class PeerKey implements Comparable<PeerKey> {
    private final PeerId peerId;
    private final byte[] x25519;

    private PeerKey(PeerId peerId, byte[] x25519) {
        this.peerId = peerId;
        this.x25519 = x25519;
    }

    /** A member named by its PeerId, which must inline an Ed25519 key. */
    public static PeerKey of(PeerId id) {
        PublicKey key = id.inlinedPublicKey()
                .filter(k -> k.type() == KeyType.ED25519)
                .orElseThrow(() -> new InvalidKeyException("not the id of an Ed25519 key (12D3KooW…); members need Ed25519 keys"));
        return new PeerKey(id, WireGuardKeys.publicKey(key));
    }

    public static PeerKey of(PublicKey key) {
        return of(key.peerId());
    }

    /** A member named by its 32-byte X25519 key alone. */
    public static PeerKey ofWireGuard(byte[] x25519) {
        if (x25519.length != WireGuardKeys.KEY_BYTES) {
            throw new InvalidKeyException("a WireGuard key is 32 bytes, got " + x25519.length);
        }
        return new PeerKey(null, x25519.clone());
    }

    /** The PeerId, when the configuration named the member by it. */
    public Optional<PeerId> peerId() {
        return Optional.ofNullable(peerId);
    }

    public byte[] x25519() {
        return x25519.clone();
    }

    /** The X25519 key as WireGuard prints it (base64, 44 characters). */
    public String wireGuardKey() {
        return WireGuardKeys.toText(x25519);
    }

    /** True when {@code key}, an authenticated peer's identity, is this member. */
    public boolean matches(PublicKey key) {
        if (key.type() != KeyType.ED25519) {
            return false;
        }
        try {
            return Arrays.equals(x25519, WireGuardKeys.publicKey(key));
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** The form the configuration file uses: the PeerId when known, else the WireGuard key. */
    public String text() {
        return peerId != null ? peerId.toBase58() : wireGuardKey();
    }

    byte[] x25519Unsafe() {
        return x25519;
    }

    @Override
    public int compareTo(PeerKey o) {
        return Arrays.compareUnsigned(x25519, o.x25519);
    }

    /** Equal when the X25519 keys are, whichever form named them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PeerKey k && Arrays.equals(x25519, k.x25519);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x25519);
    }

    @Override
    public String toString() {
        return peerId != null ? peerId.toBase58() : "wg:" + HexFormat.of().formatHex(x25519, 0, 4) + "…";
    }
}
