package io.wirepunch.core.protocol.relay.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte counts per key, for at most {@code maxKeys} keys. A new key that finds the table full
 * makes room by folding the least-used key's count into one "others" count: memory stays
 * bounded against a flood of fresh peer ids, no byte leaves the sum, and the heavy users, whom
 * limits are for, stay counted by name.
 *
 * <p>Adding to a known key takes no lock (a map read and a compare-and-set); only a key's first
 * appearance, folding and sealing take the table's lock.
 */
final class BoundedCounters<K> {
    /** What a sealed table held. */
    record Counts<K>(Map<K, Long> byKey, long others) {}

    private final int maxKeys;
    private final ConcurrentHashMap<K, SealableCounter> counters = new ConcurrentHashMap<>();
    private final SealableCounter others;
    private final Object structure = new Object();
    private volatile boolean sealed; // written under structure

    /** A table holding {@code initial}; keys beyond {@code maxKeys} are folded, least used first. */
    BoundedCounters(int maxKeys, Map<K, Long> initial, long initialOthers) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
        }
        this.maxKeys = maxKeys;
        List<Map.Entry<K, Long>> byUse = new ArrayList<>(initial.entrySet());
        byUse.sort(Map.Entry.<K, Long>comparingByValue().reversed());
        long folded = initialOthers;
        for (Map.Entry<K, Long> entry : byUse) {
            if (counters.size() < maxKeys) {
                counters.put(entry.getKey(), new SealableCounter(entry.getValue()));
            } else {
                folded += entry.getValue();
            }
        }
        others = new SealableCounter(folded);
    }

    /**
     * Adds {@code n} to {@code key}'s count and returns the new count, or {@link SealableCounter#SEALED}
     * when the whole table was sealed, in which case nothing was added.
     */
    long add(K key, long n) {
        while (true) {
            SealableCounter counter = counters.get(key);
            if (counter == null) {
                counter = insert(key);
                if (counter == null) {
                    return SealableCounter.SEALED;
                }
            }
            long after = counter.add(n);
            if (after != SealableCounter.SEALED) {
                return after;
            }
            if (sealed) {
                return SealableCounter.SEALED;
            }
            // this key was folded meanwhile, its entry removed before its counter was sealed: look again
        }
    }

    /** {@code key}'s count; 0 when it is not (or no longer) counted by name. */
    long get(K key) {
        SealableCounter counter = counters.get(key);
        long value = counter == null ? 0 : counter.get();
        return Math.max(0, value);
    }

    long others() {
        return Math.max(0, others.get());
    }

    int size() {
        return counters.size();
    }

    /** The counts as they are now; other threads may be adding meanwhile. */
    Counts<K> read() {
        Map<K, Long> byKey = new HashMap<>();
        counters.forEach((key, counter) -> {
            long value = counter.get();
            if (value != SealableCounter.SEALED) {
                byKey.put(key, value);
            }
        });
        return new Counts<>(byKey, others());
    }

    /** Closes the table for good and returns its final counts: every byte added before, none after. */
    Counts<K> seal() {
        synchronized (structure) {
            sealed = true;
            Map<K, Long> byKey = new HashMap<>();
            counters.forEach((key, counter) -> {
                long value = counter.seal();
                if (value != SealableCounter.SEALED) {
                    byKey.put(key, value);
                }
            });
            return new Counts<>(byKey, Math.max(0, others.seal()));
        }
    }

    private SealableCounter insert(K key) {
        synchronized (structure) {
            if (sealed) {
                return null;
            }
            SealableCounter existing = counters.get(key);
            if (existing != null) {
                return existing;
            }
            if (counters.size() >= maxKeys) {
                foldLeastUsed();
            }
            SealableCounter counter = new SealableCounter(0);
            counters.put(key, counter);
            return counter;
        }
    }

    /**
     * Removing the entry before sealing its counter means an adder either got in before the seal,
     * and its bytes are in the folded value, or finds the counter sealed and counts afresh.
     */
    private void foldLeastUsed() {
        Map.Entry<K, SealableCounter> least = counters.entrySet().stream()
                .min(Comparator.comparingLong(e -> e.getValue().get()))
                .orElseThrow();
        counters.remove(least.getKey(), least.getValue());
        long value = least.getValue().seal();
        if (value != SealableCounter.SEALED) {
            others.add(value);
        }
    }
}
