package io.wirepunch.core.holepunch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest hole-punch records, oldest dropped first. */
public final class HolePunchHistory {
    /** Records kept: enough for the window's charts and rates, bounded whatever the churn. */
    public static final int MAX_RECORDS = 512;

    private final int capacity;
    private final Deque<HolePunchRecord> records = new ArrayDeque<>();

    public HolePunchHistory() {
        this(MAX_RECORDS);
    }

    HolePunchHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(HolePunchRecord r) {
        if (records.size() == capacity) {
            records.removeFirst();
        }
        records.addLast(r);
    }

    /** Oldest first. */
    public synchronized List<HolePunchRecord> records() {
        return new ArrayList<>(records);
    }

    public synchronized int size() {
        return records.size();
    }
}
