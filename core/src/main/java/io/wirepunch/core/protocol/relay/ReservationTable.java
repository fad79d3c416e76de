package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relay's reservations: one per peer, each bound to the connection it was made on and counted
 * against the total and per-IP limits. Expired entries are dropped whenever the table is asked.
 */
final class ReservationTable {
    record Entry(PeerId peer, InetAddress address, Instant expiry, Connection connection) {}

    /** The outcome of a reservation request: OK with the entry, or the status to refuse it with. */
    record Outcome(Status status, String reason, Entry entry, boolean refresh) {}

    private final RelayConfig config;
    private final Clock clock;
    private final Map<PeerId, Entry> byPeer = new HashMap<>();
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();

    ReservationTable(RelayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    synchronized Outcome reserve(PeerId peer, InetAddress address, Connection connection) {
        Entry previous = byPeer.get(peer);
        if (previous != null) {
            // A refresh: the slot is the peer's already; only the IP count may move.
            remove(previous);
        }
        if (byPeer.size() >= config.maxReservations()) {
            restore(previous);
            return new Outcome(Status.RESERVATION_REFUSED, "the relay holds its maximum of "
                    + config.maxReservations() + " reservations", null, false);
        }
        if (byAddress.getOrDefault(address, 0) >= config.maxReservationsPerIp()) {
            restore(previous);
            return new Outcome(Status.RESERVATION_REFUSED, "the maximum of " + config.maxReservationsPerIp()
                    + " reservations from " + address.getHostAddress() + " is reached", null, false);
        }
        Entry entry = new Entry(peer, address, clock.instant().plus(config.reservationTtl()), connection);
        add(entry);
        return new Outcome(Status.OK, "", entry, previous != null);
    }

    /** The live reservation of {@code peer}: not expired, its connection still open. */
    synchronized Optional<Entry> get(PeerId peer) {
        Entry e = byPeer.get(peer);
        if (e == null || !e.expiry().isAfter(clock.instant()) || !e.connection().isOpen()) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** Drops the reservation made on {@code connection}, if the peer's reservation is bound to it. */
    synchronized Optional<Entry> removeIfOn(Connection connection) {
        Entry e = byPeer.get(connection.remotePeer());
        if (e != null && e.connection() == connection) {
            remove(e);
            return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Removes and returns the entries whose time is up. */
    synchronized List<Entry> expire() {
        Instant now = clock.instant();
        List<Entry> gone = new ArrayList<>();
        for (Entry e : List.copyOf(byPeer.values())) {
            if (!e.expiry().isAfter(now)) {
                remove(e);
                gone.add(e);
            }
        }
        return gone;
    }

    synchronized List<Entry> clear() {
        List<Entry> all = List.copyOf(byPeer.values());
        byPeer.clear();
        byAddress.clear();
        return all;
    }

    synchronized List<Entry> all() {
        return List.copyOf(byPeer.values());
    }

    synchronized int size() {
        return byPeer.size();
    }

    private void add(Entry e) {
        byPeer.put(e.peer(), e);
        byAddress.merge(e.address(), 1, Integer::sum);
    }

    private void restore(Entry previous) {
        if (previous != null) {
            add(previous);
        }
    }

    private void remove(Entry e) {
        byPeer.remove(e.peer());
        byAddress.computeIfPresent(e.address(), (a, n) -> n <= 1 ? null : n - 1);
    }
}
