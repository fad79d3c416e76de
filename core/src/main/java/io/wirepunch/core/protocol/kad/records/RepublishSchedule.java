package io.wirepunch.core.protocol.kad.records;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys this node provides and when each was last announced. Each is due again
 * {@link ProviderStore#REPUBLISH_INTERVAL} after its announcement, well inside the
 * {@link ProviderStore#PROVIDER_RECORD_TTL} other nodes keep it, so churn cannot let it lapse.
 * Thread-safe.
 */
public final class RepublishSchedule {
    private final Clock clock;
    private final Duration interval;
    private final Map<ByteBuffer, Instant> lastPublished = new HashMap<>();

    public RepublishSchedule(Clock clock) {
        this(clock, ProviderStore.REPUBLISH_INTERVAL);
    }

    public RepublishSchedule(Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.clock = clock;
        this.interval = interval;
    }

    /** Starts providing {@code key}; it is due at once, since nobody has been told yet. */
    public synchronized void provide(byte[] key) {
        lastPublished.putIfAbsent(ByteBuffer.wrap(key.clone()), Instant.MIN);
    }

    public synchronized void stopProviding(byte[] key) {
        lastPublished.remove(ByteBuffer.wrap(key));
    }

    /** Records that {@code key} was announced at {@code now}; ignored for keys no longer provided. */
    public synchronized void published(byte[] key, Instant now) {
        lastPublished.computeIfPresent(ByteBuffer.wrap(key), (k, v) -> now);
    }

    /** Keys whose announcement is {@link #interval} old or older, or never made. */
    public synchronized List<byte[]> due(Instant now) {
        List<byte[]> due = new ArrayList<>();
        lastPublished.forEach((k, at) -> {
            if (at.equals(Instant.MIN) || !now.isBefore(at.plus(interval))) {
                byte[] copy = new byte[k.remaining()];
                k.duplicate().get(copy);
                due.add(copy);
            }
        });
        return due;
    }

    public List<byte[]> due() {
        return due(clock.instant());
    }
}
