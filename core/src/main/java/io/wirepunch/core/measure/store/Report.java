package io.wirepunch.core.measure.store;

import java.time.Instant;
import java.util.Map;

/**
 * Hole punches tracked since an instant, counted: overall by outcome (punchr's names without their
 * prefix: SUCCESS, FAILED, …), by transport of the addresses punched (e.g. {@code tcp}, {@code quic})
 * and by NAT pairing (the client's and the remote's mapping behaviour as far as known, e.g.
 * {@code ENDPOINT_INDEPENDENT/UNKNOWN}), each to a count per outcome; and for the successful ones, how
 * many succeeded on attempt 1, 2, 3 ….
 */
public record Report(Instant since, int total, Map<String, Integer> byOutcome, Map<String, Map<String, Integer>> byTransport,
                     Map<String, Map<String, Integer>> byNatPairing, Map<Integer, Integer> successfulAttempt) {
    public Report {
        byOutcome = Map.copyOf(byOutcome);
        byTransport = Map.copyOf(byTransport);
        byNatPairing = Map.copyOf(byNatPairing);
        successfulAttempt = Map.copyOf(successfulAttempt);
    }

    /** SUCCESS among all, 0 when there are none. */
    public double successRate() {
        return total == 0 ? 0 : byOutcome.getOrDefault("SUCCESS", 0) / (double) total;
    }
}
