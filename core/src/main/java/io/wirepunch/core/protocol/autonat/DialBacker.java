package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.concurrent.CompletionStage;

/** Makes one dial-back: a new connection to {@code peer} at {@code addr}, closed once it is up. */
@FunctionalInterface
public interface DialBacker {
    /** Completes with the address reached, or fails when the peer could not be reached there. */
    CompletionStage<Multiaddr> dialBack(PeerId peer, Multiaddr addr);

    /**
     * Whether a dial could be made now. A dial that fails for want of room on our side says
     * nothing about the peer, so such requests are refused rather than answered E_DIAL_ERROR.
     */
    default boolean hasRoom() {
        return true;
    }
}
