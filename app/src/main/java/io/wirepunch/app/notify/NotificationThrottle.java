package io.wirepunch.app.notify;

import io.wirepunch.core.engine.EngineEvent;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps notifications few: of each kind (peers joining, relay limits) at most one per
 * {@link #MIN_INTERVAL}. The first event of a quiet spell shows at once; what follows within the
 * interval waits and shows as one when it ends ("3 peers joined"). Not thread-safe: the
 * {@link NotificationCenter}'s one thread calls it, with the time passed in.
 */
final class NotificationThrottle {
    /** A burst of joins (a group using one invitation) becomes one notification, and a desktop never gets more than one per kind this often. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    private final Kind joins = new Kind();
    private final Kind limits = new Kind();
    private NotificationText.Joins pendingJoins = new NotificationText.Joins();
    private NotificationText.Limits pendingLimits = new NotificationText.Limits();

    /** When a kind last showed a notification. */
    private static final class Kind {
        Instant lastShown;

        boolean quiet(Instant now) {
            return lastShown == null || !now.isBefore(lastShown.plus(MIN_INTERVAL));
        }

        Instant due() {
            return lastShown.plus(MIN_INTERVAL);
        }
    }

    /** Takes {@code event} at {@code now}: the notification to show at once, or empty (not worth one, or it waits). */
    Optional<Notification> offer(EngineEvent event, Instant now) {
        if (event instanceof EngineEvent.PeerJoined joined) {
            pendingJoins.add(joined);
            return joins.quiet(now) ? Optional.of(takeJoins(now)) : Optional.empty();
        }
        if (event instanceof EngineEvent.RelayLimitReached limit && limit.state() != UsageState.OK) {
            pendingLimits.add(limit);
            return limits.quiet(now) ? Optional.of(takeLimits(now)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The coalesced notifications whose interval has ended by {@code now}. */
    List<Notification> due(Instant now) {
        List<Notification> out = new ArrayList<>();
        if (!pendingJoins.isEmpty() && joins.quiet(now)) {
            out.add(takeJoins(now));
        }
        if (!pendingLimits.isEmpty() && limits.quiet(now)) {
            out.add(takeLimits(now));
        }
        return out;
    }

    /** When the next waiting notification is due; empty when none waits. */
    Optional<Instant> nextDue() {
        Optional<Instant> j = pendingJoins.isEmpty() ? Optional.empty() : Optional.of(joins.due());
        Optional<Instant> l = pendingLimits.isEmpty() ? Optional.empty() : Optional.of(limits.due());
        if (j.isPresent() && l.isPresent()) {
            return Optional.of(j.get().isBefore(l.get()) ? j.get() : l.get());
        }
        return j.isPresent() ? j : l;
    }

    private Notification takeJoins(Instant now) {
        Notification n = pendingJoins.notification();
        pendingJoins = new NotificationText.Joins();
        joins.lastShown = now;
        return n;
    }

    private Notification takeLimits(Instant now) {
        Notification n = pendingLimits.notification();
        pendingLimits = new NotificationText.Limits();
        limits.lastShown = now;
        return n;
    }
}
