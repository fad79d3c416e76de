package io.wirepunch.core.protocol.kad.dht;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the DHT in the background and keeps trying: an attempt that reaches nobody is retried after
 * {@link #INITIAL_RETRY_DELAY}, each further delay {@link #BACKOFF_FACTOR} times the last, up to
 * {@link #MAX_RETRY_DELAY}. A streak of failures is logged once as a warning, and the join that
 * ends it once as news. A node whose table empties later starts over. Decisions read the injected
 * clock; running, a scheduler calls {@link #tick()} every {@link #CHECK_INTERVAL}.
 */
public final class Bootstrapper {
    public static final Duration INITIAL_RETRY_DELAY = Duration.ofSeconds(5);
    public static final int BACKOFF_FACTOR = 2;
    public static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    /**
     * Up to this fraction of each delay is taken off at random, so nodes that lost the network
     * together do not all retry in the same second. Taken off, never added: no delay exceeds the maximum.
     */
    public static final double RETRY_JITTER = 0.2;
    /** How often the scheduler asks whether a retry is due; retries are seconds apart at the least. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);

    private final Supplier<CompletionStage<?>> attempt;
    private final BooleanSupplier tableEmpty;
    private final Clock clock;
    private final RandomGenerator random;
    private BootstrapStatus status = BootstrapStatus.JOINING;
    private boolean started;
    private boolean inFlight;
    private int failures;
    private Duration lastDelay;
    private Instant nextRetry;
    private ScheduledFuture<?> timer;

    /**
     * @param attempt one join: connects to saved and configured peers, fails when none answers
     * @param tableEmpty whether the routing table has emptied, so a joined node must join again
     */
    public Bootstrapper(Supplier<CompletionStage<?>> attempt, BooleanSupplier tableEmpty, Clock clock,
                        RandomGenerator random) {
        this.attempt = attempt;
        this.tableEmpty = tableEmpty;
        this.clock = clock;
        this.random = random;
    }

    /** Makes the first attempt now and lets {@code scheduler} call {@link #tick()} until {@link #stop()}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        begin();
        if (timer == null) {
            long period = CHECK_INTERVAL.toMillis();
            timer = scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Makes the first attempt now; without a scheduler, later ones wait for {@link #tick()}. */
    public void begin() {
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
        }
        tryJoin();
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Retries when a retry is due, or starts over when a joined node's table has emptied. */
    public void tick() {
        boolean due;
        synchronized (this) {
            if (!started || inFlight) {
                return;
            }
            if (status == BootstrapStatus.JOINED && tableEmpty.getAsBoolean()) {
                log.info("The DHT routing table emptied; joining again.");
                status = BootstrapStatus.JOINING;
                failures = 0;
                lastDelay = null;
                due = true;
            } else {
                due = status == BootstrapStatus.NO_PEER_REACHABLE && !clock.instant().isBefore(nextRetry);
            }
        }
        if (due) {
            tryJoin();
        }
    }

    public synchronized BootstrapState state() {
        return new BootstrapState(status,
                status == BootstrapStatus.NO_PEER_REACHABLE ? Optional.of(nextRetry) : Optional.empty(), failures);
    }

    private void tryJoin() {
        synchronized (this) {
            inFlight = true;
        }
        CompletionStage<?> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            attempted(e);
            return;
        }
        stage.whenComplete((result, error) -> attempted(error));
    }

    private void attempted(Throwable error) {
        synchronized (this) {
            inFlight = false;
            if (error == null) {
                if (status != BootstrapStatus.JOINED) {
                    log.info(failures == 0 ? "Joined the DHT." : "Joined the DHT after {} failed attempts.", failures);
                }
                status = BootstrapStatus.JOINED;
                failures = 0;
                lastDelay = null;
                nextRetry = null;
                return;
            }
            boolean firstOfStreak = status != BootstrapStatus.NO_PEER_REACHABLE;
            failures++;
            lastDelay = lastDelay == null ? INITIAL_RETRY_DELAY : min(lastDelay.multipliedBy(BACKOFF_FACTOR), MAX_RETRY_DELAY);
            Duration delay = lastDelay.minusMillis((long) (lastDelay.toMillis() * RETRY_JITTER * random.nextDouble()));
            nextRetry = clock.instant().plus(delay);
            status = BootstrapStatus.NO_PEER_REACHABLE;
            if (firstOfStreak) {
                log.warn("No DHT peer is reachable: {}; retrying in the background, at most {} minutes apart.",
                        reason(error), MAX_RETRY_DELAY.toMinutes());
            } else {
                log.debug("DHT bootstrap attempt {} failed: {}", failures, reason(error));
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
