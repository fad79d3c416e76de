package io.wirepunch.core.measure.client;

import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import java.time.Duration;

/** What the measurement rounds tell their subscribers, per host. */
public sealed interface RoundEvent {
    /** The host the event is about. */
    PeerId host();

    /**
     * One hole punch was measured: the engine's record and the request made of it.
     *
     * @param reported whether the server took it (false without a server, or when tracking failed)
     * @param kept whether the local store took it
     */
    record Measured(PeerId host, HolePunchRecord record, PunchrProtos.TrackHolePunchRequest request,
                    boolean reported, boolean kept) implements RoundEvent {}

    /** No peer to hole punch (or none reachable through a relay); the host waits {@code delay} before asking again. */
    record Idle(PeerId host, String reason, Duration delay) implements RoundEvent {}

    /** A call to the server or the store failed for the {@code failures}-th time in a row; the host waits {@code delay}. */
    record Backoff(PeerId host, String error, int failures, Duration delay) implements RoundEvent {}
}
