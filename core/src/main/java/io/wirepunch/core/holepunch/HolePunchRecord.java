package io.wirepunch.core.holepunch;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one hole punch did, in punchr's terms: the outcome, each attempt, the first RTT, the
 * addresses both ends offered, and the times.
 *
 * @param remote the peer punched to
 * @param relay the relay of the relayed connection; empty when there was none
 * @param role which end of DCUtR this node was
 * @param connectedAt when the relayed connection was established (the clock the time to a direct
 *     connection is taken from); empty when there was none
 * @param startedAt when the hole punch began
 * @param endedAt when its outcome was known
 * @param startRtt the RTT of the first attempt (the initiator measures it; empty on the responder)
 * @param localAddrs the addresses this node offered in CONNECT
 * @param remoteAddrs the addresses the remote offered in its first CONNECT
 * @param directAddr the remote address of the direct connection, when there is one
 * @param directAt when the direct connection was up
 * @param error why it failed, when it did
 */
public record HolePunchRecord(PeerId remote, Optional<PeerId> relay, HolePunchRole role, HolePunchOutcome outcome,
                              Optional<Instant> connectedAt, Instant startedAt, Instant endedAt,
                              Optional<Duration> startRtt, List<HolePunchAttempt> attempts,
                              List<Multiaddr> localAddrs, List<Multiaddr> remoteAddrs,
                              Optional<Multiaddr> directAddr, Optional<Instant> directAt, Optional<String> error) {
    public HolePunchRecord {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(outcome, "outcome");
        attempts = List.copyOf(attempts);
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
    }

    public Duration elapsed() {
        return Duration.between(startedAt, endedAt);
    }

    /** From the relayed connection to the direct one: what a person waits. */
    public Optional<Duration> timeToDirect() {
        return connectedAt.flatMap(c -> directAt.map(d -> Duration.between(c, d)));
    }

    public boolean succeeded() {
        return outcome == HolePunchOutcome.SUCCESS;
    }
}
