package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Counts the payload bytes a relay carries in the current period, globally and per peer, and
 * says what the limits allow, on Wireleap's relay model ({@link UsageLimit}).
 *
 * <p>The relay calls {@link #record} for every chunk it forwards, on the event loop that forwards
 * it: a byte counts once globally and once against each end of the circuit, the peer that
 * opened it and the peer it reaches, since each of them chose to spend the relay's bandwidth
 * (Wireleap counts per client in the same way). Recording takes no lock and does no I/O.
 * Before a new reservation or circuit it asks {@link #admitReservation} / {@link #admitCircuit}.
 * When a count crosses its hard threshold, {@link UsageEvent.HardLimitReached} is published once
 * so the relay can close the active circuits, and {@link #record} returns {@link UsageState#HARD}
 * for every further chunk of a circuit that must close.
 *
 * <p>At most {@code maxTrackedPeers} peers are counted by name; past that the least-used peer's
 * count is folded into an "others" count, which still adds to the global count (a peer folded
 * away and back starts its own count afresh, so the per-peer limit is a best effort for
 * peers who use the relay least; the global limit always holds).
 *
 * <p>Time is not read here: {@link UsageService} ends periods and persists the counts.
 */
public final class UsageAccountant {
    /** Peers counted by name per period: a few hundred kilobytes of memory and of stats file. */
    public static final int DEFAULT_MAX_TRACKED_PEERS = 4096;
    /** Peers named in a snapshot. */
    public static final int TOP_PEERS = 10;

    private final UsageLimit globalLimit;
    private final UsageLimit peerLimit;
    private final int maxTrackedPeers;
    private final EventBus<UsageEvent> events;
    private volatile UsageLedger ledger;

    /** A fresh count for {@code period} under {@code config}'s limits, with its own events. */
    public UsageAccountant(NetworkUsageConfig config, Period period) {
        this(UsageLimit.of(config.globalLimit()), UsageLimit.of(config.peerLimit()), period, UsageTotals.EMPTY,
                DEFAULT_MAX_TRACKED_PEERS, new EventBus<>());
    }

    UsageAccountant(UsageLimit globalLimit, UsageLimit peerLimit, Period period, UsageTotals restored,
                    int maxTrackedPeers, EventBus<UsageEvent> events) {
        this.globalLimit = Objects.requireNonNull(globalLimit, "globalLimit");
        this.peerLimit = Objects.requireNonNull(peerLimit, "peerLimit");
        this.maxTrackedPeers = maxTrackedPeers;
        this.events = Objects.requireNonNull(events, "events");
        this.ledger = new UsageLedger(period, restored, maxTrackedPeers);
    }

    /**
     * Counts {@code payloadBytes} forwarded on a circuit between {@code source} and
     * {@code destination} (in either direction) and returns the worst state among the global
     * count and the two peers' counts: {@link UsageState#HARD} means close this circuit.
     */
    public UsageState record(PeerId source, PeerId destination, long payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("negative byte count: " + payloadBytes);
        }
        UsageState state = countGlobal(payloadBytes).worst(countPeer(source, payloadBytes));
        return source.equals(destination) ? state : state.worst(countPeer(destination, payloadBytes));
    }

    /** Whether {@code peer} may make or renew a reservation now. */
    public Admission admitReservation(PeerId peer) {
        if (globalState() != UsageState.OK) {
            return Admission.REFUSED_GLOBAL_LIMIT;
        }
        return peerState(peer) == UsageState.OK ? Admission.ADMIT : Admission.REFUSED_PEER_LIMIT;
    }

    /** Whether a new circuit from {@code source} to {@code destination} may open now. */
    public Admission admitCircuit(PeerId source, PeerId destination) {
        Admission admission = admitReservation(source);
        return admission.admitted() ? admitReservation(destination) : admission;
    }

    /** The relay's global state in the current period. */
    public UsageState globalState() {
        return globalLimit.state(ledger.networkBytes());
    }

    /** The worse of the global state and {@code peer}'s own. */
    public UsageState state(PeerId peer) {
        return globalState().worst(peerState(peer));
    }

    /** Whether a circuit between these peers must close now (a hard limit is reached). */
    public boolean mustClose(PeerId source, PeerId destination) {
        return state(source) == UsageState.HARD || state(destination) == UsageState.HARD;
    }

    public Period period() {
        return ledger.period;
    }

    public UsageLimit globalLimit() {
        return globalLimit;
    }

    public UsageLimit peerLimit() {
        return peerLimit;
    }

    public Subscription subscribe(Consumer<? super UsageEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public UsageSnapshot snapshot() {
        UsageLedger current = ledger;
        UsageTotals totals = current.read();
        List<PeerUsage> top = totals.peerBytes().entrySet().stream()
                .sorted(Map.Entry.<PeerId, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_PEERS)
                .map(e -> new PeerUsage(e.getKey(), e.getValue(), peerLimit.fraction(e.getValue()), peerLimit.state(e.getValue())))
                .toList();
        return new UsageSnapshot(current.period, totals.networkBytes(), globalLimit.bytes(),
                globalLimit.fraction(totals.networkBytes()), globalLimit.state(totals.networkBytes()), peerLimit.bytes(),
                top, totals.peerBytes().size(), totals.otherPeersBytes());
    }

    /** The current period's counts as they are now. */
    UsageTotals totals() {
        return ledger.read();
    }

    /**
     * Starts counting in {@code next} and returns the final counts of the period that ended.
     * Bytes recorded concurrently land in exactly one of the two. Callers serialise rollovers.
     */
    UsageTotals rollOver(Period next) {
        UsageLedger ended = ledger;
        ledger = new UsageLedger(next, UsageTotals.EMPTY, maxTrackedPeers);
        return ended.seal();
    }

    private UsageState peerState(PeerId peer) {
        return peerLimit.state(ledger.peers.get(peer));
    }

    private UsageState countGlobal(long n) {
        while (true) {
            long after = ledger.network.add(n);
            if (after != SealableCounter.SEALED) {
                return crossed(globalLimit, after, n, Optional.empty());
            }
            // the period ended between reading the ledger and adding: count in the new one
        }
    }

    private UsageState countPeer(PeerId peer, long n) {
        while (true) {
            long after = ledger.peers.add(peer, n);
            if (after != SealableCounter.SEALED) {
                return crossed(peerLimit, after, n, Optional.of(peer));
            }
        }
    }

    /** Publishes the thresholds that this addition, and only this one, carried the count over. */
    private UsageState crossed(UsageLimit limit, long after, long n, Optional<PeerId> peer) {
        long before = after - n;
        if (before < limit.softThreshold() && after >= limit.softThreshold()) {
            events.publish(new UsageEvent.SoftLimitReached(peer, after, limit.bytes()));
        }
        if (before < limit.hardThreshold() && after >= limit.hardThreshold()) {
            events.publish(new UsageEvent.HardLimitReached(peer, after, limit.bytes()));
        }
        return limit.state(after);
    }
}
