package io.wirepunch.core.node;

import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node runs beside its host: the perf server, a DHT, and how it judges reachability.
 * Start from {@link #defaults()} and change what differs with the withers.
 *
 * @param servePerf whether the node answers the perf protocol
 * @param dht the DHT to take part in, or none
 * @param autonat reachability settings, e.g. {@code --public-ranges} for a testbed
 */
public record NodeOptions(boolean servePerf, Optional<DhtSettings> dht, AutoNatConfig autonat) {

    public NodeOptions {
        Objects.requireNonNull(dht, "dht");
        Objects.requireNonNull(autonat, "autonat");
    }

    /** No perf server, no DHT, the Internet's own public ranges. */
    public static NodeOptions defaults() {
        return new NodeOptions(false, Optional.empty(), AutoNatConfig.defaults());
    }

    public NodeOptions withPerf(boolean serve) {
        return new NodeOptions(serve, dht, autonat);
    }

    public NodeOptions withDht(DhtSettings settings) {
        return new NodeOptions(servePerf, Optional.of(settings), autonat);
    }

    public NodeOptions withDht(Optional<DhtSettings> settings) {
        return new NodeOptions(servePerf, settings, autonat);
    }

    public NodeOptions withAutonat(AutoNatConfig config) {
        return new NodeOptions(servePerf, dht, config);
    }
}
