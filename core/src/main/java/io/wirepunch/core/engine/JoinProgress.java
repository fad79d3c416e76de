package io.wirepunch.core.engine;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.membership.JoinOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a join with an invitation got, as the join dialog shows it.
 *
 * @param inviter whom the invitation leads to
 * @param network the network the invitation is for
 * @param stage the latest stage reached
 * @param relay the relay the connection to the inviter runs through, once it does
 * @param outcome the join, once it succeeded
 * @param error why it failed, once it did
 */
public record JoinProgress(PeerId inviter, String network, Stage stage, Optional<PeerId> relay,
                           Optional<JoinOutcome> outcome, Optional<String> error) {
    public JoinProgress {
        Objects.requireNonNull(inviter, "inviter");
        Objects.requireNonNull(stage, "stage");
    }

    /** The stages in the order a join passes them; a direct dial goes from finding to direct. */
    public enum Stage {
        /** Dialling the invitation's addresses, then looking the inviter up in the DHT. */
        FINDING,
        /** Connected through a relay; proving the invitation. */
        THROUGH_RELAY,
        /** A hole punch to the inviter runs. */
        PUNCHING,
        /** Joined, over a direct connection. */
        DIRECT,
        /** Joined, through a relay: no hole could be punched. */
        RELAYED,
        /** The join failed. */
        FAILED;

        public boolean finished() {
            return this == DIRECT || this == RELAYED || this == FAILED;
        }
    }

    static JoinProgress finding(PeerId inviter, String network) {
        return new JoinProgress(inviter, network, Stage.FINDING, Optional.empty(), Optional.empty(), Optional.empty());
    }

    JoinProgress to(Stage next, Optional<PeerId> through) {
        return new JoinProgress(inviter, network, next, through.or(() -> relay), outcome, error);
    }

    JoinProgress joined(JoinOutcome done) {
        return new JoinProgress(inviter, network, done.relayed() ? Stage.RELAYED : Stage.DIRECT,
                done.relay().or(() -> relay), Optional.of(done), Optional.empty());
    }

    JoinProgress failed(String why) {
        return new JoinProgress(inviter, network, Stage.FAILED, relay, Optional.empty(), Optional.of(why));
    }
}
