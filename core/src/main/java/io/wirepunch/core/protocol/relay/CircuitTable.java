package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The circuits a relay has open or is opening, counted against the total and per-peer limits (a peer
 * counts once per circuit it is the source or the destination of). A slot is taken before the stop
 * stream is opened and given back when the circuit ends, however it ends.
 */
final class CircuitTable {
    private final RelayConfig config;
    private final Map<Long, Circuit> open = new HashMap<>();
    private final Map<PeerId, Integer> perPeer = new HashMap<>();
    private long nextId = 1;

    CircuitTable(RelayConfig config) {
        this.config = config;
    }

    /** Takes a slot for a circuit, or returns null with {@code why[0]} saying which limit stands in the way. */
    synchronized Circuit tryOpen(PeerId source, PeerId destination, Instant now, String[] why) {
        if (open.size() >= config.maxCircuits()) {
            why[0] = "the relay carries its maximum of " + config.maxCircuits() + " circuits";
            return null;
        }
        for (PeerId p : List.of(source, destination)) {
            if (perPeer.getOrDefault(p, 0) >= config.maxCircuitsPerPeer()) {
                why[0] = p + " takes part in its maximum of " + config.maxCircuitsPerPeer() + " circuits";
                return null;
            }
        }
        Circuit c = new Circuit(nextId++, source, destination, now);
        open.put(c.id(), c);
        perPeer.merge(source, 1, Integer::sum);
        perPeer.merge(destination, 1, Integer::sum);
        return c;
    }

    /** Gives the circuit's slot back; false when it was given back already. */
    synchronized boolean release(Circuit c) {
        if (open.remove(c.id()) == null) {
            return false;
        }
        for (PeerId p : List.of(c.source(), c.destination())) {
            perPeer.computeIfPresent(p, (k, n) -> n <= 1 ? null : n - 1);
        }
        return true;
    }

    synchronized List<Circuit> all() {
        return new ArrayList<>(open.values());
    }

    synchronized List<Circuit> of(PeerId peer) {
        return open.values().stream().filter(c -> c.source().equals(peer) || c.destination().equals(peer)).toList();
    }

    synchronized int size() {
        return open.size();
    }
}
