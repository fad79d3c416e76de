package io.wirepunch.core.invite;

import java.util.Optional;

/** The store's answer to one use of an invitation: the network joined, or why not. */
public record Redemption(Optional<NetworkParams> network, Optional<JoinFailure> failure) {

    static Redemption accepted(NetworkParams network) {
        return new Redemption(Optional.of(network), Optional.empty());
    }

    static Redemption refused(JoinFailure failure) {
        return new Redemption(Optional.empty(), Optional.of(failure));
    }

    public boolean isAccepted() {
        return network.isPresent();
    }
}
