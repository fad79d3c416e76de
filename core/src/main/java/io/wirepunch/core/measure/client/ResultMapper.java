package io.wirepunch.core.measure.client;

import com.google.protobuf.ByteString;
import io.wirepunch.core.holepunch.AttemptOutcome;
import io.wirepunch.core.holepunch.HolePunchAttempt;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.upnp.PortMapping;
import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;

/**
 * Our hole-punch record and what the round saw around it, as punchr's {@code TrackHolePunchRequest}:
 * times in Unix nanoseconds, durations in seconds, outcomes in punchr's enums (same names), addresses
 * as multiaddr bytes. The API key is left empty; {@link PunchrClient} puts it in.
 */
public final class ResultMapper {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The transport name punchr's NAT mappings carry for a TCP port mapping. */
    static final String TCP = "tcp";

    private ResultMapper() {
    }

    public static PunchrProtos.TrackHolePunchRequest map(HolePunchRecord r, RoundObservations o) {
        Instant connectEnded = r.connectedAt().orElse(r.endedAt());
        // A relayed connection made before this round (reused) counts as made when the round began.
        if (connectEnded.isBefore(r.startedAt())) {
            connectEnded = r.startedAt();
        }
        if (connectEnded.isAfter(r.endedAt())) {
            connectEnded = r.endedAt();
        }
        PunchrProtos.TrackHolePunchRequest.Builder b = PunchrProtos.TrackHolePunchRequest.newBuilder()
                .setClientId(bytes(o.client().toBytes()))
                .setRemoteId(bytes(r.remote().toBytes()))
                .setConnectStartedAt(nanos(r.startedAt()))
                .setConnectEndedAt(nanos(connectEnded))
                .setHasDirectConns(o.hasDirectConns())
                .setOutcome(outcome(r.outcome()))
                .setEndedAt(nanos(r.endedAt()))
                .setApiKey("")
                .addAllProtocols(o.protocols());
        o.remoteAddrs().forEach(a -> b.addRemoteMultiAddresses(bytes(a)));
        o.openAddrs().forEach(a -> b.addOpenMultiAddresses(bytes(a)));
        o.listenAddrs().forEach(a -> b.addListenMultiAddresses(bytes(a)));
        r.error().ifPresent(b::setError);
        r.attempts().forEach(a -> b.addHolePunchAttempts(attempt(a)));
        o.latencies().forEach(l -> b.addLatencyMeasurements(latency(l)));
        o.natMappings().forEach(m -> b.addNatMappings(natMapping(m)));
        return b.build();
    }

    static PunchrProtos.HolePunchAttempt attempt(HolePunchAttempt a) {
        PunchrProtos.HolePunchAttempt.Builder b = PunchrProtos.HolePunchAttempt.newBuilder()
                .setOpenedAt(nanos(a.openedAt()))
                .setEndedAt(nanos(a.endedAt()))
                .setElapsedTime(seconds(a.elapsed()))
                .setOutcome(outcome(a.outcome()));
        a.dialStartedAt().ifPresent(t -> b.setStartedAt(nanos(t)));
        a.rtt().ifPresent(rtt -> b.setStartRtt(seconds(rtt)));
        a.error().ifPresent(b::setError);
        a.remoteAddrs().forEach(m -> b.addMultiAddresses(bytes(m)));
        return b.build();
    }

    static PunchrProtos.LatencyMeasurement latency(Latency l) {
        PunchrProtos.LatencyMeasurement.Builder b = PunchrProtos.LatencyMeasurement.newBuilder()
                .setRemoteId(bytes(l.peer().toBytes()))
                .setAgentVersion(l.agentVersion())
                .addAllProtocols(l.protocols())
                .setMultiAddress(bytes(l.addr()))
                .setMtype(l.type())
                .addAllRttErrs(l.errors());
        l.rtts().forEach(rtt -> b.addRtts(seconds(rtt)));
        return b.build();
    }

    static PunchrProtos.NATMapping natMapping(PortMapping m) {
        return PunchrProtos.NATMapping.newBuilder()
                .setInternalPort(m.internal().getPort())
                .setExternalPort(m.external().getPort())
                .setProtocol(TCP)
                .setAddr(m.external().getAddress().getHostAddress())
                .setAddrNetwork(m.external().getAddress() instanceof Inet6Address ? "ip6" : "ip4")
                .build();
    }

    public static PunchrProtos.HolePunchOutcome outcome(HolePunchOutcome o) {
        return switch (o) {
            case UNKNOWN -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_UNKNOWN;
            case NO_CONNECTION -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_CONNECTION;
            case NO_STREAM -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_STREAM;
            case CONNECTION_REVERSED -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_CONNECTION_REVERSED;
            case CANCELLED -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_CANCELLED;
            case FAILED -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_FAILED;
            case SUCCESS -> PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS;
        };
    }

    public static PunchrProtos.HolePunchAttemptOutcome outcome(AttemptOutcome o) {
        return switch (o) {
            case UNKNOWN -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_UNKNOWN;
            case DIRECT_DIAL -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_DIRECT_DIAL;
            case PROTOCOL_ERROR -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_PROTOCOL_ERROR;
            case CANCELLED -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_CANCELLED;
            case TIMEOUT -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_TIMEOUT;
            case FAILED -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_FAILED;
            case SUCCESS -> PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_SUCCESS;
        };
    }

    /** Unix nanoseconds. */
    public static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
    }

    /** Seconds, as punchr's float fields take them. */
    public static float seconds(Duration d) {
        return (float) (d.toNanos() / (double) NANOS_PER_SECOND);
    }

    private static ByteString bytes(Multiaddr a) {
        return ByteString.copyFrom(a.toBytes());
    }

    private static ByteString bytes(byte[] b) {
        return ByteString.copyFrom(b);
    }
}
