package io.wirepunch.core.protocol.kad.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated network's time: it stands still except when a message is sent, which moves it on by
 * {@link #MESSAGE_TIME}. So per-peer rate limits refill as they would while a network runs, and a run
 * is the same from one seed to the next however fast the machine is.
 */
final class SimClock extends Clock {
    /** How long one request with its answer takes in simulated time: a fast round trip. */
    static final Duration MESSAGE_TIME = Duration.ofMillis(1);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();

    void messageSent() {
        nanos.addAndGet(MESSAGE_TIME.toNanos());
    }

    @Override
    public Instant instant() {
        return START.plusNanos(nanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock runs in UTC only");
    }
}
