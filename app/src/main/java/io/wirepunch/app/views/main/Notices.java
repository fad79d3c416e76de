package io.wirepunch.app.views.main;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.util.Optional;

/** The sentence an event is worth, when it is worth one. */
final class Notices {
    private Notices() {}

    static Optional<String> of(EngineEvent event) {
        if (event instanceof EngineEvent.PeerJoined joined) {
            return Optional.of(Format.shortId(joined.peer()) + " joined \"" + joined.network() + "\" with your invitation");
        }
        if (event instanceof EngineEvent.RelayLimitReached limit) {
            return Optional.of(limit.state() == UsageState.HARD
                    ? "This relay reached its hard limit (" + Format.percent(limit.fraction()) + " of this period's bytes): circuits are closed"
                    : "This relay reached its soft limit (" + Format.percent(limit.fraction())
                            + " of this period's bytes): new reservations and circuits are refused");
        }
        return Optional.empty();
    }
}
