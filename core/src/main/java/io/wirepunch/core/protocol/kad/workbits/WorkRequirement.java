package io.wirepunch.core.protocol.kad.workbits;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;

/**
 * A private DHT's admission rule: peers need at least {@code bits} of work in {@code namespace}.
 * The DHT asks {@link #admits(PublicKey)} before it adds a peer to its routing table and before
 * it answers a query; {@link #NONE} admits everyone (the public DHT).
 */
public record WorkRequirement(String namespace, int bits) {
    public static final WorkRequirement NONE = new WorkRequirement(WorkBits.DEFAULT_NAMESPACE, 0);

    public WorkRequirement {
        WorkBits.namespaceBytes(namespace);
        WorkBits.checkRequired(bits);
    }

    public boolean admits(PublicKey key) {
        return bits == 0 || WorkBits.of(key, namespace) >= bits;
    }

    /**
     * For peers known only by id, such as the closer peers in a FIND_NODE answer. An id that
     * does not inline its key (RSA, ECDSA) cannot show its work, so a private DHT refuses it
     * until the peer's key is learned from a handshake. An inlined key that does not parse is
     * refused too: such ids come from remote answers, and a bad one must not end the lookup.
     */
    public boolean admits(PeerId peer) {
        if (bits == 0) {
            return true;
        }
        try {
            return peer.inlinedPublicKey().map(this::admits).orElse(false);
        } catch (InvalidKeyException e) {
            return false;
        }
    }
}
