package io.wirepunch.core.protocol.relay.usage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte counter that can be closed atomically: {@link #seal} returns the final value, and every
 * later {@link #add} fails instead of adding to a count nobody will read again. That is what
 * lets a period end, or a peer's count be folded away, while other threads keep counting,
 * without a lock and without losing a byte.
 */
final class SealableCounter {
    static final long SEALED = Long.MIN_VALUE;

    private final AtomicLong value;

    SealableCounter(long initial) {
        if (initial < 0) {
            throw new IllegalArgumentException("negative count: " + initial);
        }
        value = new AtomicLong(initial);
    }

    /** Adds {@code n} and returns the new value, or {@link #SEALED} without adding. */
    long add(long n) {
        while (true) {
            long current = value.get();
            if (current == SEALED) {
                return SEALED;
            }
            if (value.compareAndSet(current, current + n)) {
                return current + n;
            }
        }
    }

    /** The value, or {@link #SEALED}. */
    long get() {
        return value.get();
    }

    /** Closes the counter and returns its final value ({@link #SEALED} when it was closed already). */
    long seal() {
        return value.getAndSet(SEALED);
    }
}
