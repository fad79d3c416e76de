package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler on a {@link FakeClock}: tasks run when a test advances the clock past their time. */
public final class ManualScheduler implements Scheduler {
    private record Task(Instant due, Runnable run, long seq) {}

    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long seq;

    public ManualScheduler(FakeClock clock) {
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

    public synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock forward, running each task whose time has come, in time order. */
    public void advance(Duration by) {
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
