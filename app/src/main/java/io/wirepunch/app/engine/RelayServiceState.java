package io.wirepunch.app.engine;

import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.relay.RelayService;
import io.wirepunch.core.protocol.relay.RelaySnapshot;
import java.util.Optional;

/** The relay service's reservations and circuits right now, which the engine's snapshot counts only as bytes. */
public final class RelayServiceState {
    private RelayServiceState() {}

    /** Empty when the node is not running or does not relay for others. */
    public static Optional<RelaySnapshot> of(Engine engine) {
        return engine.node().flatMap(Node::relayService).map(RelayService::snapshot);
    }
}
