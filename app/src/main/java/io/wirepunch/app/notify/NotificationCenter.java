package io.wirepunch.app.notify;

import io.wirepunch.core.engine.EngineEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the engine's events into desktop notifications, on a thread of its own (a D-Bus call or
 * osascript may take a moment): peers joining and relay limits reached, throttled and coalesced by
 * {@link NotificationThrottle}, while the user wants them. When the desktop has no notification
 * service, or its service fails, it says so once in the log and the window's banner is all there is.
 */
public final class NotificationCenter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationCenter.class);
    /** How long closing waits for a notification being shown. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Callable<DesktopNotifier> opener;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wirepunch-notify");
        t.setDaemon(true);
        return t;
    });
    private final NotificationThrottle throttle = new NotificationThrottle();
    private volatile boolean enabled;
    // the fields below belong to the notification thread
    private Optional<DesktopNotifier> notifier = Optional.empty();
    private boolean unavailable;
    private ScheduledFuture<?> flush;
    private int shown;

    /** Opens the service with {@code opener} when notifications are first wanted (at once when {@code enabled}). */
    public NotificationCenter(Callable<DesktopNotifier> opener, boolean enabled, Clock clock) {
        this.opener = opener;
        this.clock = clock;
        this.enabled = enabled;
        if (enabled) {
            post(this::open);
        }
    }

    /** This platform's service, on the wall clock. */
    public static NotificationCenter forThisPlatform(boolean enabled) {
        return new NotificationCenter(Notifiers::forThisPlatform, enabled, Clock.systemUTC());
    }

    /** Shows {@code event} as a notification if it is worth one and notifications are on; from any thread. */
    public void offer(EngineEvent event) {
        if (enabled && (event instanceof EngineEvent.PeerJoined || event instanceof EngineEvent.RelayLimitReached)) {
            post(() -> {
                if (!enabled) {
                    return;
                }
                Instant now = clock.instant();
                throttle.offer(event, now).ifPresent(this::show);
                scheduleFlush(now);
            });
        }
    }

    /** Turns notifications on or off (the settings switch); what waits is dropped when turned off. */
    public void setEnabled(boolean on) {
        enabled = on;
        if (on) {
            post(this::open);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** How many notifications the desktop took so far; for tests and the log. */
    int shown() throws Exception {
        return thread.submit(() -> shown).get();
    }

    /** Whether a service was found and works; answers once the opening tried. */
    boolean available() throws Exception {
        return thread.submit(() -> notifier.isPresent()).get();
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> notifier.ifPresent(DesktopNotifier::close));
        } catch (RejectedExecutionException e) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("notifications: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the app is quitting
        }
    }

    private void open() {
        if (notifier.isPresent() || unavailable) {
            return;
        }
        try {
            DesktopNotifier opened = opener.call();
            notifier = Optional.of(opened);
            LOG.info("desktop notifications through {}", opened.name());
        } catch (Exception | LinkageError e) {
            unavailable = true;
            LOG.warn("no desktop notifications ({}): peers joining and relay limits show in the window only", e.getMessage());
        }
    }

    private void show(Notification n) {
        if (!enabled || notifier.isEmpty()) {
            return;
        }
        try {
            notifier.get().show(n);
            shown++;
        } catch (IOException | RuntimeException e) {
            LOG.warn("desktop notifications stopped ({}): peers joining and relay limits show in the window only", e.getMessage());
            notifier.get().close();
            notifier = Optional.empty();
            unavailable = true;
        }
    }

    private void scheduleFlush(Instant now) {
        Optional<Instant> due = throttle.nextDue();
        if (due.isEmpty() || (flush != null && !flush.isDone())) {
            return;
        }
        long delay = Math.max(0, Duration.between(now, due.get()).toMillis());
        flush = thread.schedule(() -> {
            Instant at = clock.instant();
            throttle.due(at).forEach(this::show);
            flush = null;
            scheduleFlush(at);
        }, delay, TimeUnit.MILLISECONDS);
    }
}
