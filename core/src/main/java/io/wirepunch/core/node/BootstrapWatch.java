package io.wirepunch.core.node;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.BootstrapStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells subscribers each time a DHT's bootstrap status changes. The DHT offers its state only as
 * a snapshot, so this reads it every {@link #POLL_INTERVAL}: often enough that a command reports
 * a join without a noticeable delay, rarely enough to cost nothing.
 */
final class BootstrapWatch {
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Supplier<BootstrapState> state;
    private final String name;
    private final EventBus<BootstrapState> changes = new EventBus<>();
    private ScheduledExecutorService timer;
    private BootstrapStatus last;

    BootstrapWatch(Supplier<BootstrapState> state, String name) {
        this.state = state;
        this.name = name;
    }

    Subscription subscribe(java.util.function.Consumer<? super BootstrapState> subscriber) {
        return changes.subscribe(subscriber);
    }

    synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bootstrap-watch " + name);
            thread.setDaemon(true);
            return thread;
        });
        long period = POLL_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::poll, 0, period, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Only the timer's one thread calls this, so {@link #last} needs no lock. */
    private void poll() {
        BootstrapState now = state.get();
        if (now.status() != last) {
            last = now.status();
            changes.publish(now);
        }
    }
}
