package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a relay's usage counts across time and restarts: loads {@code stats.json} at start,
 * ends each period on schedule (archiving it and restarting the count), and writes the counts
 * every {@code write_interval} and at stop, so a kill loses at most one interval.
 *
 * <p>Periods follow the schedule of the first one ({@link Period#periodAt}). After downtime the
 * stored period is archived with its own end, taken as its start plus the configured timeframe
 * (as Wireleap's relay recomputes it from the saved start), and counting resumes in the period
 * that contains the present; periods that passed wholly while the relay was down carried no
 * traffic and leave no archive.
 *
 * <p>Time comes from the injected clock, and {@link #tick} does the periodic work; a scheduler
 * given to {@link #start(ScheduledExecutorService)} calls it, or a test calls it directly.
 * Start and stop do blocking file I/O: call them off the event loops.
 */
public final class UsageService {
    /** The shortest wait between scheduled ticks, so that a clock at a period's very end cannot spin the scheduler. */
    static final Duration MIN_TICK_DELAY = Duration.ofMillis(10);

    private static final Logger LOG = LoggerFactory.getLogger(UsageService.class);

    private final NetworkUsageConfig config;
    private final Clock clock;
    private final int maxTrackedPeers;
    private final UsageStore store;
    private final EventBus<UsageEvent> events = new EventBus<>();
    private final List<StatsDocument> unarchived = new ArrayList<>();
    private volatile UsageAccountant accountant;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> nextTick;
    private boolean stopped;

    /** Keeps the files of {@code config}, relative paths resolved against {@code dataDir}. */
    public UsageService(NetworkUsageConfig config, Path dataDir, Clock clock) {
        this(config, dataDir, clock, UsageAccountant.DEFAULT_MAX_TRACKED_PEERS);
    }

    public UsageService(NetworkUsageConfig config, Path dataDir, Clock clock, int maxTrackedPeers) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTrackedPeers = maxTrackedPeers;
        this.store = new UsageStore(config.statsFileIn(dataDir), config.archiveDirIn(dataDir));
    }

    /** Subscribes to the events of the accountant and of this service; subscribe before {@link #start} to see what loading finds. */
    public Subscription subscribe(Consumer<? super UsageEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /**
     * Loads the stored counts, catches up with the schedule, writes the stats file and returns
     * the accountant; {@link #tick} is then the caller's to call. An IOException means the
     * stats file can neither be used nor set aside, or cannot be written.
     */
    public synchronized UsageAccountant start() throws IOException {
        if (accountant != null) {
            throw new IllegalStateException("already started");
        }
        Instant now = clock.instant();
        Period period = Period.startingAt(now, config.timeframe());
        UsageTotals restored = UsageTotals.EMPTY;
        UsageStore.Loaded loaded = store.load(now);
        if (loaded instanceof UsageStore.Loaded.Found found) {
            Period stored = new Period(found.document().period().start(),
                    found.document().period().start().plus(config.timeframe()));
            period = stored.periodAt(now);
            if (period.equals(stored)) {
                restored = found.document().totals();
            } else {
                archive(new StatsDocument(stored, found.document().totals(), found.document().updatedAt()), period);
            }
        } else if (loaded instanceof UsageStore.Loaded.Unreadable unreadable) {
            LOG.warn("relay usage: stats file {} {}; kept it as {} and started counting afresh",
                    store.statsFile(), unreadable.reason(), unreadable.keptAs());
            events.publish(new UsageEvent.StatsFileUnreadable(store.statsFile(), unreadable.keptAs(), unreadable.reason()));
        }
        store.save(new StatsDocument(period, restored, now));
        accountant = new UsageAccountant(UsageLimit.of(config.globalLimit()), UsageLimit.of(config.peerLimit()),
                period, restored, maxTrackedPeers, events);
        return accountant;
    }

    /** As {@link #start()}, then ticks on {@code scheduler} every write interval and at each period's end. */
    public synchronized UsageAccountant start(ScheduledExecutorService scheduler) throws IOException {
        UsageAccountant started = start();
        this.scheduler = scheduler;
        scheduleTick();
        return started;
    }

    /** The accountant; only after {@link #start}. Does not wait for a tick's file I/O. */
    public UsageAccountant accountant() {
        UsageAccountant started = accountant;
        if (started == null) {
            throw new IllegalStateException("not started");
        }
        return started;
    }

    public UsageSnapshot snapshot() {
        return accountant().snapshot();
    }

    /**
     * Ends the current period when its time has come (archiving it and counting on in the next),
     * retries archives that failed, and writes the stats file. Failures are logged and published
     * as {@link UsageEvent.WriteFailed}, never thrown, so that a full disk does not stop the relay.
     */
    public synchronized void tick() {
        if (accountant == null || stopped) {
            return;
        }
        writeDue();
    }

    /** Cancels the ticks and writes the counts a last time; further calls do nothing. */
    public synchronized void stop() {
        if (accountant == null || stopped) {
            return;
        }
        stopped = true;
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        writeDue();
    }

    private void writeDue() {
        Instant now = clock.instant();
        retryArchives(now);
        Period current = accountant.period();
        if (current.hasEndedAt(now)) {
            Period next = current.periodAt(now);
            UsageTotals ended = accountant.rollOver(next);
            archive(new StatsDocument(current, ended, now), next);
        }
        try {
            store.save(new StatsDocument(accountant.period(), accountant.totals(), now));
        } catch (IOException e) {
            writeFailed(store.statsFile(), e);
        }
    }

    private void archive(StatsDocument document, Period next) {
        try {
            Path file = store.archive(document);
            events.publish(new UsageEvent.PeriodArchived(document.period(), document.totals().networkBytes(), file, next));
        } catch (IOException e) {
            unarchived.add(document);
            writeFailed(store.archiveFile(document.period()), e);
        }
    }

    private void retryArchives(Instant now) {
        List<StatsDocument> retries = List.copyOf(unarchived);
        unarchived.clear();
        for (StatsDocument document : retries) {
            archive(document, accountant.period().periodAt(now));
        }
    }

    private void writeFailed(Path file, IOException e) {
        LOG.warn("relay usage: could not write {}: {}", file, e.toString());
        events.publish(new UsageEvent.WriteFailed(file, e.toString()));
    }

    private void scheduleTick() {
        Duration untilEnd = Duration.between(clock.instant(), accountant.period().end());
        Duration delay = untilEnd.compareTo(config.writeInterval()) < 0 ? untilEnd : config.writeInterval();
        if (delay.compareTo(MIN_TICK_DELAY) < 0) {
            delay = MIN_TICK_DELAY;
        }
        nextTick = scheduler.schedule(this::scheduledTick, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void scheduledTick() {
        if (stopped) {
            return;
        }
        try {
            writeDue();
        } catch (RuntimeException e) {
            LOG.error("relay usage: tick failed", e);
        }
        scheduleTick();
    }
}
