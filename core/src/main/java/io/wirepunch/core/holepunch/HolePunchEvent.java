package io.wirepunch.core.holepunch;

import io.wirepunch.core.identity.PeerId;

/** What the hole punching tells its subscribers. */
public sealed interface HolePunchEvent {
    PeerId remote();

    /** A hole punch with {@code remote} began. */
    record Started(PeerId remote, HolePunchRole role) implements HolePunchEvent {}

    /** One attempt ended. */
    record AttemptEnded(PeerId remote, HolePunchRole role, HolePunchAttempt attempt) implements HolePunchEvent {}

    /** The hole punch ended; the record is also in the history. */
    record Finished(HolePunchRecord record) implements HolePunchEvent {
        @Override
        public PeerId remote() {
            return record.remote();
        }
    }
}
