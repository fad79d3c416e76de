package io.wirepunch.core.protocol.relay.usage;

import java.time.Instant;
import java.util.Objects;

/** The content of {@code stats.json} and of each archive file: one period's counts and when they were taken. */
record StatsDocument(Period period, UsageTotals totals, Instant updatedAt) {
    StatsDocument {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
