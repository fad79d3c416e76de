package io.wirepunch.core.holepunch;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what a hole punch does as it goes, and makes its record at the end. */
final class RecordBuilder {
    private final Clock clock;
    private final PeerId remote;
    private final HolePunchRole role;
    private final Instant startedAt;
    private Optional<PeerId> relay = Optional.empty();
    private Optional<Instant> connectedAt = Optional.empty();
    private final List<HolePunchAttempt> attempts = new ArrayList<>();
    private List<Multiaddr> localAddrs = List.of();
    private List<Multiaddr> remoteAddrs;
    private Optional<Duration> startRtt = Optional.empty();

    RecordBuilder(Clock clock, PeerId remote, HolePunchRole role) {
        this.clock = clock;
        this.remote = remote;
        this.role = role;
        this.startedAt = clock.instant();
    }

    Instant now() {
        return clock.instant();
    }

    HolePunchRole role() {
        return role;
    }

    PeerId remote() {
        return remote;
    }

    synchronized RecordBuilder relayed(Connection relayed) {
        relay = relayed.relay();
        connectedAt = Optional.of(relayed.openedAt());
        return this;
    }

    synchronized void offered(List<Multiaddr> ours) {
        localAddrs = ours;
    }

    synchronized void received(List<Multiaddr> theirs, Optional<Duration> rtt) {
        if (remoteAddrs == null) {
            remoteAddrs = theirs;
            startRtt = rtt;
        }
    }

    synchronized int nextAttemptNumber() {
        return attempts.size() + 1;
    }

    synchronized void add(HolePunchAttempt attempt) {
        attempts.add(attempt);
    }

    synchronized HolePunchRecord finish(HolePunchOutcome outcome, Optional<Connection> direct, Optional<String> error) {
        return new HolePunchRecord(remote, relay, role, outcome, connectedAt, startedAt, clock.instant(), startRtt,
                attempts, localAddrs, remoteAddrs == null ? List.of() : remoteAddrs,
                direct.map(Connection::remoteAddr), direct.map(Connection::openedAt), error);
    }
}
