package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;

/** How a join ended, on the joiner's side. */
public sealed interface JoinResult {
    /** Both sides proved they hold the secret; {@code network} is what the inviter sent. */
    record Joined(PeerId inviter, NetworkParams network) implements JoinResult {}

    /** The join did not happen; {@code sentence} says why, for a person. */
    record Failed(JoinFailure reason, String sentence) implements JoinResult {
        static Failed of(JoinFailure reason) {
            return new Failed(reason, reason.sentence());
        }
    }
}
