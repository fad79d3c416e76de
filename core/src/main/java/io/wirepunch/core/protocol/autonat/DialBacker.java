package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.concurrent.CompletionStage;

/** Makes one dial-back: a new connection to {@code peer} at {@code addr}, closed once it is up. */
@FunctionalInterface
public interface DialBacker {
    /** Completes with the address reached, or fails when the peer could not be reached there. */
    CompletionStage<Multiaddr> dialBack(PeerId peer, Multiaddr addr);
}
