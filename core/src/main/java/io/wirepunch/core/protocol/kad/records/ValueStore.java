package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.protocol.kad.KadRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records stored through PUT_VALUE, one per key, each validated by {@link RecordValidator} before
 * it is kept. A stored record is replaced only by a valid one with a higher sequence number, so a
 * replayed old record cannot roll an owner's record back. Records are kept {@link #MAX_RECORD_AGE}
 * after they were last put, so the store does not fill with records whose owners have gone.
 * Thread-safe.
 */
public final class ValueStore {
    /** As go-libp2p-kad-dht's MaxRecordAge: owners republish well within it. */
    public static final Duration MAX_RECORD_AGE = Duration.ofHours(36);
    /** Distinct keys held at once; a new key beyond it is refused. */
    public static final int DEFAULT_MAX_RECORDS = 4_096;

    public enum Outcome {
        STORED, REPLACED, REFRESHED, STALE, INVALID, FULL;

        public boolean accepted() {
            return this == STORED || this == REPLACED || this == REFRESHED;
        }
    }

    /** What a put did, with the validator's verdict for a refused record. */
    public record PutResult(Outcome outcome, Validation validation) {}

    private record Stored(KadRecord record, long seq, Instant received) {}

    private final Clock clock;
    private final RecordValidator validator;
    private final int maxRecords;
    private final Map<ByteBuffer, Stored> records = new HashMap<>();

    public ValueStore(Clock clock, RecordValidator validator) {
        this(clock, validator, DEFAULT_MAX_RECORDS);
    }

    public ValueStore(Clock clock, RecordValidator validator, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive");
        }
        this.clock = clock;
        this.validator = validator;
        this.maxRecords = maxRecords;
    }

    public synchronized PutResult put(KadRecord record, Instant now) {
        Validation validation = validator.validate(record);
        if (!validation.isValid()) {
            return new PutResult(Outcome.INVALID, validation);
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        // Only key and value are kept: timeReceived is the receiver's to set, never the sender's.
        Stored fresh = new Stored(new KadRecord(record.key(), record.value(), ""), validation.seq(), now);
        Stored old = live(key, now);
        if (old == null) {
            if (!records.containsKey(key) && records.size() >= maxRecords) {
                sweep(now);
                if (records.size() >= maxRecords) {
                    return new PutResult(Outcome.FULL, validation);
                }
            }
            records.put(key, fresh);
            return new PutResult(Outcome.STORED, validation);
        }
        int order = Long.compareUnsigned(validation.seq(), old.seq());
        if (order > 0) {
            records.put(key, fresh);
            return new PutResult(Outcome.REPLACED, validation);
        }
        if (order == 0 && Arrays.equals(old.record().value(), record.value())) {
            records.put(key, fresh);
            return new PutResult(Outcome.REFRESHED, validation);
        }
        return new PutResult(Outcome.STALE, validation);
    }

    public PutResult put(KadRecord record) {
        return put(record, clock.instant());
    }

    public synchronized Optional<KadRecord> get(byte[] key, Instant now) {
        return Optional.ofNullable(live(ByteBuffer.wrap(key), now)).map(Stored::record);
    }

    public Optional<KadRecord> get(byte[] key) {
        return get(key, clock.instant());
    }

    /** Drops records older than {@link #MAX_RECORD_AGE}; returns how many. */
    public synchronized int sweep(Instant now) {
        int before = records.size();
        records.values().removeIf(s -> expired(s, now));
        return before - records.size();
    }

    public synchronized int size() {
        return records.size();
    }

    private Stored live(ByteBuffer key, Instant now) {
        Stored s = records.get(key);
        return s == null || expired(s, now) ? null : s;
    }

    private static boolean expired(Stored s, Instant now) {
        return !now.isBefore(s.received().plus(MAX_RECORD_AGE));
    }
}
