package io.wirepunch.core.engine;

import io.wirepunch.core.engine.EngineSnapshot.Counts;
import io.wirepunch.core.engine.EngineSnapshot.State;
import io.wirepunch.core.engine.EngineSnapshot.Status;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The running engine's state and the tray's one line about it. */
final class StatusLine {
    private StatusLine() {}

    /**
     * Paused when the user switched participation off; connecting while the DHT is joined for the
     * first time or no bootstrap peer answers; participating otherwise.
     */
    static Status of(boolean participating, Optional<BootstrapState> bootstrap, Counts counts, Instant now) {
        if (!participating) {
            return new Status(State.PAUSED, "Paused · " + peers(counts));
        }
        if (bootstrap.isPresent()) {
            BootstrapState b = bootstrap.get();
            switch (b.status()) {
                case NO_PEER_REACHABLE -> {
                    return new Status(State.CONNECTING, b.nextRetry()
                            .map(at -> "No network, retrying in " + secondsUntil(now, at) + " s")
                            .orElse("No network, retrying"));
                }
                case JOINING -> {
                    return new Status(State.CONNECTING, "Joining the network · " + peers(counts));
                }
                case JOINED -> { }
            }
        }
        return new Status(State.PARTICIPATING, "Participating · " + peers(counts) + " · " + counts.direct() + " direct");
    }

    private static String peers(Counts counts) {
        return counts.peers() + (counts.peers() == 1 ? " peer" : " peers");
    }

    /** Whole seconds, rounded up, so that "in 0 s" is only said once the retry is due. */
    private static long secondsUntil(Instant now, Instant at) {
        Duration left = Duration.between(now, at);
        if (left.isNegative()) {
            return 0;
        }
        return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    }
}
