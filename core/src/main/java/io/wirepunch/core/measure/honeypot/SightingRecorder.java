package io.wirepunch.core.measure.honeypot;

import io.wirepunch.core.host.Direction;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what identify tells a host about its peers (agent, protocols, listen addresses) into a
 * {@link MeasurementStore} as sightings, off the host's event threads, one at a time. The store
 * decides which peers are candidates. When the store falls behind by more than
 * {@link #MAX_PENDING} sightings, newer ones are dropped (and counted) rather than queued.
 */
public final class SightingRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SightingRecorder.class);
    /** Sightings waiting for the store at most; more are dropped. */
    public static final int MAX_PENDING = 1024;
    /** How long {@link #close()} lets the sightings already queued reach the store. */
    static final long DRAIN_SECONDS = 5;

    /** One peer as identify described it. */
    public record Sighting(PeerId peer, String agentVersion, List<String> protocols, List<Multiaddr> addrs) {
        public Sighting {
            protocols = List.copyOf(protocols);
            addrs = List.copyOf(addrs);
        }
    }

    private final MeasurementStore store;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Subscription subscription;

    public SightingRecorder(MeasurementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_PENDING), r -> {
            Thread t = new Thread(r, "sightings");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Records the peers {@code host} identifies from now on: every peer, or with {@code inboundOnly}
     * only those that connected to it.
     */
    public synchronized SightingRecorder watch(Host host, boolean inboundOnly) {
        if (subscription != null) {
            throw new IllegalStateException("already watching a host");
        }
        subscription = host.subscribe(e -> {
            if (e instanceof HostEvent.Identified id && id.connection() != null
                    && (!inboundOnly || id.connection().direction() == Direction.INBOUND)) {
                offer(new Sighting(id.peer(), id.agentVersion(), id.protocols(), id.listenAddrs()));
            }
        });
        return this;
    }

    /** Queues one sighting for the store; answers false when it was dropped (the queue is full, or closed). */
    public boolean offer(Sighting s) {
        try {
            writer.execute(() -> write(s));
            return true;
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            return false;
        }
    }

    private void write(Sighting s) {
        try {
            store.recordSighting(s.peer(), s.agentVersion(), s.protocols(), s.addrs(), clock.instant());
            recorded.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.warn("could not record a sighting of {}: {}", s.peer(), e.getMessage());
        }
    }

    /** Sightings the store took. */
    public long recorded() {
        return recorded.get();
    }

    /** Sightings dropped because the store fell {@link #MAX_PENDING} behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Sightings the store refused with an error. */
    public long failed() {
        return failed.get();
    }

    /** Stops watching, then lets the queued sightings reach the store for up to {@link #DRAIN_SECONDS}. */
    @Override
    public void close() {
        Subscription s;
        synchronized (this) {
            s = subscription;
            subscription = null;
        }
        if (s != null) {
            s.close();
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
