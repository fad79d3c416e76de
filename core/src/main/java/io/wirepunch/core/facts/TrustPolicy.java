package io.wirepunch.core.facts;

import io.wirepunch.core.identity.PeerId;

/**
 * The trust the caller configured for each peer; {@link TrustLevel#UNTRUSTED} for peers it does not
 * know. Asked on every decision, so a policy that changes takes effect at once. Must not return null.
 */
@FunctionalInterface
public interface TrustPolicy {
    TrustLevel level(PeerId peer);

    /** Trusts nobody. */
    static TrustPolicy none() {
        return peer -> TrustLevel.UNTRUSTED;
    }
}
