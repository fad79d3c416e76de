package io.wirepunch.core.protocol.kad.workbits;

import java.time.Duration;

/** How far a {@link WorkKeySearch} has come: candidate keys tried, time spent, threads used. */
public record SearchProgress(long attempts, Duration elapsed, int threads) {

    /** Keys tried per second so far; 0 before any time has passed. */
    public double attemptsPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : attempts * 1e9 / nanos;
    }
}
