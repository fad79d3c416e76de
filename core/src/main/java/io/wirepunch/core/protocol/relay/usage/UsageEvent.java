package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What relay usage accounting tells its subscribers. Limit events are delivered on the thread
 * that counted the byte that crossed the threshold (a Netty event loop), once per threshold,
 * scope and period; subscribers must not block.
 */
public sealed interface UsageEvent {

    /** A count reached 90% of its limit: new reservations and circuits are refused from now on. */
    record SoftLimitReached(Optional<PeerId> peer, long usedBytes, long limitBytes) implements UsageEvent {
        /** True for the relay's global count, false for one peer's. */
        public boolean global() {
            return peer.isEmpty();
        }
    }

    /**
     * A count reached 93% of its limit: the relay closes the active circuits, every circuit
     * when {@link #global()}, else the circuits that have {@code peer} at one end.
     */
    record HardLimitReached(Optional<PeerId> peer, long usedBytes, long limitBytes) implements UsageEvent {
        public boolean global() {
            return peer.isEmpty();
        }
    }

    /** A timeframe ended; its counts are in {@code file} and counting restarted in {@code next}. */
    record PeriodArchived(Period period, long networkBytes, Path file, Period next) implements UsageEvent {}

    /** The stats file could not be read; it was moved to {@code keptAs} and counting restarted. */
    record StatsFileUnreadable(Path file, Path keptAs, String reason) implements UsageEvent {}

    /** Writing the stats file or an archive failed; the write is tried again at the next tick. */
    record WriteFailed(Path file, String reason) implements UsageEvent {}
}
