package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RepublishSchedule;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.RefreshTarget;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHT's timers: refreshes buckets that went without a lookup for the table's refresh interval
 * (a lookup of a random key in the bucket's range), re-announces provided keys the
 * {@link RepublishSchedule} says are due, and sweeps expired provider and value records. Every
 * decision reads the injected clock, so {@link #tick()} is all a test needs; running, a scheduler
 * calls it every {@link #TICK_INTERVAL}.
 */
public final class DhtMaintenance {
    /** How often the timers look at what is due; the shortest interval they serve is the 10-minute bucket refresh. */
    public static final Duration TICK_INTERVAL = Duration.ofMinutes(1);
    /** Expired records are pruned this often (the kad-dht spec suggests hourly); reads skip them meanwhile. */
    public static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(DhtMaintenance.class);

    private final RoutingTable table;
    private final Function<byte[], CompletionStage<?>> lookup;
    private final Function<byte[], CompletionStage<?>> announce;
    private final RepublishSchedule schedule;
    private final ProviderStore providers;
    private final ValueStore values;
    private final Clock clock;
    private final byte[] selfKey;
    private final RandomGenerator random;
    private final Set<Integer> refreshing = new HashSet<>();
    private final Set<ByteBuffer> republishing = new HashSet<>();
    private Instant lastSweep;
    private ScheduledFuture<?> timer;

    /**
     * @param lookup runs a peer lookup of a key (bucket refresh)
     * @param announce sends our provider record for a key to its closest peers, failing when nobody took it
     * @param selfKey our peer id's bytes, looked up for buckets too deep to aim at
     */
    public DhtMaintenance(RoutingTable table, Function<byte[], CompletionStage<?>> lookup,
                          Function<byte[], CompletionStage<?>> announce, RepublishSchedule schedule,
                          ProviderStore providers, ValueStore values, Clock clock, byte[] selfKey,
                          RandomGenerator random) {
        this.table = table;
        this.lookup = lookup;
        this.announce = announce;
        this.schedule = schedule;
        this.providers = providers;
        this.values = values;
        this.clock = clock;
        this.selfKey = selfKey.clone();
        this.random = random;
        this.lastSweep = clock.instant();
    }

    /** Calls {@link #tick()} every {@link #TICK_INTERVAL} on {@code scheduler} until {@link #stop()}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (timer == null) {
            long period = TICK_INTERVAL.toMillis();
            timer = scheduler.scheduleWithFixedDelay(this::tickQuietly, period, period, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * Starts whatever is due at the clock's current time. A bucket refresh or a key's republish
     * still running from an earlier tick is not started twice. Completes when the work started here ends.
     */
    public CompletionStage<Void> tick() {
        Instant now = clock.instant();
        List<CompletableFuture<?>> started = new ArrayList<>();
        for (RefreshTarget due : table.bucketsDueForRefresh(now)) {
            started.add(refresh(due));
        }
        for (byte[] key : schedule.due(now)) {
            started.add(republish(key));
        }
        sweepIfDue(now);
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next tick should still come.
            log.warn("DHT maintenance failed: {}", e.toString());
        }
    }

    private CompletableFuture<?> refresh(RefreshTarget due) {
        synchronized (refreshing) {
            if (!refreshing.add(due.bucketIndex())) {
                return CompletableFuture.completedFuture(null);
            }
        }
        byte[] key = RefreshKeys.keyInBucket(table.localId(), due.bucketIndex(), selfKey, random);
        return start(() -> lookup.apply(key)).handle((result, error) -> {
            // Marks the bucket even when the key was our own id, or the lookup found nobody.
            table.lookupPerformed(due.target());
            synchronized (refreshing) {
                refreshing.remove(due.bucketIndex());
            }
            if (error != null) {
                log.debug("refresh of bucket {} failed: {}", due.bucketIndex(), error.toString());
            }
            return null;
        });
    }

    private CompletableFuture<?> republish(byte[] key) {
        ByteBuffer k = ByteBuffer.wrap(key);
        synchronized (republishing) {
            if (!republishing.add(k)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return start(() -> announce.apply(key)).handle((sent, error) -> {
            synchronized (republishing) {
                republishing.remove(k);
            }
            if (error != null) {
                // Still due, so the next tick tries again.
                log.debug("republishing a provider record failed: {}", error.toString());
            }
            return null;
        });
    }

    private void sweepIfDue(Instant now) {
        synchronized (this) {
            if (now.isBefore(lastSweep.plus(SWEEP_INTERVAL))) {
                return;
            }
            lastSweep = now;
        }
        int dropped = providers.sweep(now) + values.sweep(now);
        if (dropped > 0) {
            log.debug("swept {} expired DHT record(s)", dropped);
        }
    }

    private static CompletableFuture<?> start(java.util.function.Supplier<CompletionStage<?>> work) {
        try {
            return work.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
