package io.wirepunch.core.protocol.relay.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One accounting timeframe, {@code [start, end)}. Periods follow one schedule: each starts where
 * the previous one ended, so the n-th period after the first starts at {@code start + n·length},
 * whether or not the relay was running in between.
 */
public record Period(Instant start, Instant end) {
    /**
     * Archive file names use the basic ISO 8601 form in UTC, {@code 20251122T140000Z}: sortable,
     * and without the colons some file systems refuse.
     */
    public static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a period must end after it starts: " + start + " .. " + end);
        }
    }

    /** The first period of a schedule, starting at {@code now} cut to the second. */
    public static Period startingAt(Instant now, Duration length) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        return new Period(start, start.plus(length));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean hasEndedAt(Instant now) {
        return !now.isBefore(end);
    }

    /**
     * The period on this one's schedule that contains {@code now}: this one while it runs, the
     * period {@code n} lengths later after downtime. An instant before this period's start
     * (a clock set back) leaves this period in place rather than counting backwards.
     */
    public Period periodAt(Instant now) {
        if (!hasEndedAt(now)) {
            return this;
        }
        long length = length().toMillis();
        long periods = Duration.between(start, now).toMillis() / length;
        Instant newStart = start.plusMillis(Math.multiplyExact(periods, length));
        return new Period(newStart, newStart.plusMillis(length));
    }

    /** {@code <start>-<end>.json}, the name of this period's archive file. */
    public String archiveFileName() {
        return FILE_TIME.format(start) + "-" + FILE_TIME.format(end) + ".json";
    }
}
