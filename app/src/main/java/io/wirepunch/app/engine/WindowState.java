package io.wirepunch.app.engine;

import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.protocol.relay.RelaySnapshot;
import java.util.List;
import java.util.Optional;

/** Everything the window renders at one moment: the engine's snapshot, the relay service's live state, the log's tail. */
public record WindowState(EngineSnapshot snapshot, Optional<RelaySnapshot> relay, List<String> log) {
    public WindowState {
        log = List.copyOf(log);
    }
}
