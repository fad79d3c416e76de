package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.testutil.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticks a scheduler runs: every write interval, and at a period's end when that comes sooner. */
class UsageSchedulingTest {
    private static final NetworkUsageConfig CONFIG = NetworkUsageConfig.DEFAULTS
            .withTimes(Duration.ofDays(30), Duration.ofMinutes(5));

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final CapturingScheduler scheduler = new CapturingScheduler();

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    /** Keeps what is scheduled for the test to run, instead of running it. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        final List<Duration> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        final List<ScheduledFuture<?>> futures = new ArrayList<>();

        CapturingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            tasks.add(command);
            ScheduledFuture<?> placeholder = super.schedule(() -> { }, 1, TimeUnit.DAYS);
            futures.add(placeholder);
            return placeholder;
        }

        void runLast() {
            tasks.get(tasks.size() - 1).run();
        }

        Duration lastDelay() {
            return delays.get(delays.size() - 1);
        }
    }

    @Test
    void ticksComeEveryWriteIntervalAndAtThePeriodsEnd() throws IOException {
        UsageService service = new UsageService(CONFIG, dir, clock);
        UsageAccountant usage = service.start(scheduler);
        Period first = usage.period();
        assertThat(scheduler.lastDelay()).isEqualTo(Duration.ofMinutes(5));

        usage.record(peer(1), peer(2), 42);
        clock.advance(Duration.ofMinutes(5));
        scheduler.runLast();
        assertThat(StatsFormat.decode(Files.readAllBytes(dir.resolve("stats.json"))).totals().networkBytes()).isEqualTo(42);
        assertThat(scheduler.lastDelay()).isEqualTo(Duration.ofMinutes(5));

        clock.set(first.end().minus(Duration.ofMinutes(2)));
        scheduler.runLast();
        assertThat(scheduler.lastDelay()).as("the period ends before the next write is due").isEqualTo(Duration.ofMinutes(2));

        clock.set(first.end());
        scheduler.runLast();
        assertThat(usage.period().start()).isEqualTo(first.end());
        assertThat(dir.resolve("archive").resolve(first.archiveFileName())).exists();
        assertThat(scheduler.lastDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(scheduler.tasks).hasSize(4);
    }

    @Test
    void aTickJustBeforeThePeriodsEndWaitsAtLeastTheShortestDelay() throws IOException {
        UsageService service = new UsageService(CONFIG, dir, clock);
        Period first = service.start(scheduler).period();

        clock.set(first.end().minusMillis(3));
        scheduler.runLast();
        assertThat(scheduler.lastDelay()).isEqualTo(UsageService.MIN_TICK_DELAY);

        clock.set(first.end().minus(UsageService.MIN_TICK_DELAY).minusMillis(1));
        scheduler.runLast();
        assertThat(scheduler.lastDelay()).isEqualTo(UsageService.MIN_TICK_DELAY.plusMillis(1));
    }

    @Test
    void stopCancelsTheNextTickAndALateTickDoesNothing() throws IOException {
        UsageService service = new UsageService(CONFIG, dir, clock);
        UsageAccountant usage = service.start(scheduler);
        usage.record(peer(1), peer(2), 7);
        service.stop();
        assertThat(scheduler.futures.get(0).isCancelled()).isTrue();
        assertThat(StatsFormat.decode(Files.readAllBytes(dir.resolve("stats.json"))).totals().networkBytes()).isEqualTo(7);

        usage.record(peer(1), peer(2), 1);
        scheduler.runLast();
        assertThat(StatsFormat.decode(Files.readAllBytes(dir.resolve("stats.json"))).totals().networkBytes()).isEqualTo(7);
        assertThat(scheduler.tasks).hasSize(1);
    }
}
