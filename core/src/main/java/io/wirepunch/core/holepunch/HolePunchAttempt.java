package io.wirepunch.core.holepunch;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a hole punch, as punchr records it.
 *
 * @param number 1 for the first attempt
 * @param openedAt when the attempt began: the initiator sent CONNECT, or the responder received it
 * @param dialStartedAt when this end started its dial (after SYNC and RTT/2 for the initiator, on
 *     SYNC for the responder); empty when it never dialled
 * @param endedAt when the outcome was known
 * @param rtt the initiator's CONNECT round trip over the relay; empty on the responder
 * @param remoteAddrs the remote's CONNECT addresses
 * @param dialled the candidates this end dialled, after filtering
 * @param directAddr the remote address of the direct connection, on success
 * @param error what went wrong, empty on success
 */
public record HolePunchAttempt(int number, AttemptOutcome outcome, Instant openedAt, Optional<Instant> dialStartedAt,
                               Instant endedAt, Optional<Duration> rtt, List<Multiaddr> remoteAddrs,
                               List<Multiaddr> dialled, Optional<Multiaddr> directAddr, Optional<String> error) {
    public HolePunchAttempt {
        Objects.requireNonNull(outcome, "outcome");
        remoteAddrs = List.copyOf(remoteAddrs);
        dialled = List.copyOf(dialled);
    }

    public Duration elapsed() {
        return Duration.between(openedAt, endedAt);
    }
}
