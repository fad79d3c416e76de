package io.wirepunch.core.engine;

import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The engine's ticks on a {@link FakeClock}: a task runs when the test moves the clock past its time. */
final class ManualTicks implements Scheduler {
    private record Task(Instant due, Runnable run, long seq) {}

    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long seq;

    ManualTicks(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable run) {
        Task t = new Task(clock.instant().plus(delay), run, seq++);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock forward, running each task whose time has come, in time order. */
    void advance(Duration by) {
        Instant target = clock.instant().plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::seq)).orElse(null);
                if (next != null) {
                    tasks.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            next.run().run();
        }
        clock.set(target);
    }
}
