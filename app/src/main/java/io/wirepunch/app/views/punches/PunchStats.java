package io.wirepunch.app.views.punches;

import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The numbers behind the chart and the breakdown, from the records alone, so they are tested without a screen. */
final class PunchStats {
    /** One point of the success-rate line: the punches that ended in one bucket of time. */
    record Bucket(Instant start, int punches, int successes) {
        double rate() {
            return punches == 0 ? 0 : (double) successes / punches;
        }
    }

    private PunchStats() {}

    /** Punches grouped by the bucket of {@code width} they ended in, oldest first; buckets without punches are left out. */
    static List<Bucket> successRate(List<HolePunchRecord> records, Duration width) {
        List<Bucket> buckets = new ArrayList<>();
        long widthMillis = width.toMillis();
        for (HolePunchRecord r : records.stream().sorted((a, b) -> a.endedAt().compareTo(b.endedAt())).toList()) {
            Instant start = Instant.ofEpochMilli(Math.floorDiv(r.endedAt().toEpochMilli(), widthMillis) * widthMillis);
            int success = r.succeeded() ? 1 : 0;
            Bucket last = buckets.isEmpty() ? null : buckets.get(buckets.size() - 1);
            if (last != null && last.start().equals(start)) {
                buckets.set(buckets.size() - 1, new Bucket(start, last.punches() + 1, last.successes() + success));
            } else {
                buckets.add(new Bucket(start, 1, success));
            }
        }
        return buckets;
    }

    /** How many punches ended each way, in punchr's order of outcomes; outcomes that never happened are left out. */
    static Map<HolePunchOutcome, Integer> breakdown(List<HolePunchRecord> records) {
        Map<HolePunchOutcome, Integer> counts = new EnumMap<>(HolePunchOutcome.class);
        records.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return counts;
    }
}
