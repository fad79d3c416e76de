package io.wirepunch.core.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The figures of one pairing's punches: outcome counts, success rate, time to direct (median and
 * p90 over the successes, nearest rank) and the share of successes that took only the first attempt.
 */
record PunchStats(int runs, int successes, Map<String, Integer> outcomes, OptionalDouble medianMs,
                  OptionalDouble p90Ms, int firstAttempt) {

    static PunchStats of(List<PunchResult> results) {
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        // most frequent first; equal counts by name, so that one set of runs always reads the same
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> outcomes.put(e.getKey(), e.getValue()));
        double[] times = results.stream().filter(PunchResult::success)
                .map(PunchResult::timeToDirectMs).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
        int successes = (int) results.stream().filter(PunchResult::success).count();
        int first = (int) results.stream().filter(r -> r.success() && r.firstAttempt()).count();
        return new PunchStats(results.size(), successes, outcomes, percentile(times, 50), percentile(times, 90), first);
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of {@code sorted} at or below it. */
    static OptionalDouble percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(0, Math.min(sorted.length, rank) - 1)]);
    }

    double successRate() {
        return runs == 0 ? 0 : 100.0 * successes / runs;
    }

    OptionalDouble firstAttemptShare() {
        return successes == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * firstAttempt / successes);
    }

    /** {@code punch eim-eim: 20/20 SUCCESS (100%), time to direct median 45 ms p90 80 ms, first attempt 100%, outcomes {SUCCESS=20}}. */
    String line(String pairing) {
        StringBuilder sb = new StringBuilder();
        sb.append("punch ").append(pairing).append(": ").append(successes).append('/').append(runs)
                .append(" SUCCESS (").append(percent(successRate())).append("), time to direct ");
        if (medianMs.isPresent()) {
            sb.append("median ").append(Math.round(medianMs.getAsDouble())).append(" ms p90 ")
                    .append(Math.round(p90Ms.getAsDouble())).append(" ms");
        } else {
            sb.append("n/a");
        }
        sb.append(", first attempt ")
                .append(firstAttemptShare().isPresent() ? percent(firstAttemptShare().getAsDouble()) : "n/a")
                .append(", outcomes ").append(outcomes);
        return sb.toString();
    }

    /** One decimal, without a trailing ".0": 100%, 92.5%, 33.3%. */
    static String percent(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }
}
