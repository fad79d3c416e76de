package io.wirepunch.core.protocol.autonat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The latest probe results, at most {@link #MAX_RESULTS_KEPT}, the newest last. Thread-safe. */
final class ProbeHistory {
    /** Enough for a few rounds of the diagnostics view. */
    static final int MAX_RESULTS_KEPT = 16;

    private final Deque<ProbeResult> results = new ArrayDeque<>();

    synchronized void add(ProbeResult r) {
        results.addLast(r);
        while (results.size() > MAX_RESULTS_KEPT) {
            results.removeFirst();
        }
    }

    synchronized List<ProbeResult> latest() {
        return List.copyOf(results);
    }
}
