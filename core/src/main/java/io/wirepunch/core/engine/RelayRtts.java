package io.wirepunch.core.engine;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The latest ping round trip to each relay the node holds a reservation on, measured on the
 * connection the reservation uses. Pings are sent without waiting; answers land when they come.
 */
final class RelayRtts {
    /** How long one ping may take before the relay's last figure is dropped. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final Node node;
    private final Map<PeerId, Duration> latest = new ConcurrentHashMap<>();

    RelayRtts(Node node) {
        this.node = node;
    }

    /** Pings each of {@code relays} once over its open connection; a relay without one loses its figure. */
    void measure(Set<PeerId> relays) {
        latest.keySet().retainAll(relays);
        for (PeerId relay : relays) {
            Connection c = node.host().connections().get(relay).orElse(null);
            if (c == null || !c.isOpen()) {
                latest.remove(relay);
                continue;
            }
            node.ping().open(c).thenCompose(p -> p.ping().whenComplete((rtt, e) -> p.close()))
                    .toCompletableFuture().orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((rtt, e) -> {
                        if (e == null) {
                            latest.put(relay, rtt);
                        } else {
                            latest.remove(relay);
                        }
                    });
        }
    }

    Map<PeerId, Duration> latest() {
        return Map.copyOf(latest);
    }
}
