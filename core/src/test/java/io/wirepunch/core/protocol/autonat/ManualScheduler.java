package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.testutil.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A scheduler whose tasks run only when a test moves the fake clock to them. */
final class ManualScheduler implements Scheduler {
    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final Instant due;
        final Runnable run;
        boolean cancelled;

        Task(Instant due, Runnable run) {
            this.due = due;
            this.run = run;
        }
    }

    ManualScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable run) {
        Task t = new Task(clock.instant().plus(delay), run);
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                t.cancelled = true;
            }
        };
    }

    /** Moves the clock to {@code until}, running every task due by then in order of its time. */
    void runUntil(Instant until) {
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                Optional<Task> earliest = tasks.stream().filter(t -> !t.due.isAfter(until))
                        .min(Comparator.comparing(t -> t.due));
                if (earliest.isEmpty()) {
                    break;
                }
                next = earliest.get();
                tasks.remove(next);
                if (next.due.isAfter(clock.instant())) {
                    clock.set(next.due);
                }
            }
            next.run.run();
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
    }
}
