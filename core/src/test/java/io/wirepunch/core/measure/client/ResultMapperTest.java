package io.wirepunch.core.measure.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.wirepunch.core.holepunch.AttemptOutcome;
import io.wirepunch.core.holepunch.HolePunchAttempt;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.holepunch.HolePunchRole;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrProtos.HolePunchAttemptOutcome;
import io.wirepunch.core.measure.pb.PunchrProtos.LatencyMeasurementType;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.upnp.PortMapping;
import io.wirepunch.core.testutil.TestPeerIds;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our records as punchr's TrackHolePunchRequest, field for field, for each kind of outcome. */
class ResultMapperTest {
    private static final PeerId CLIENT = TestPeerIds.peer(1);
    private static final PeerId REMOTE = TestPeerIds.peer(2);
    private static final PeerId RELAY = TestPeerIds.peer(3);
    private static final Instant T0 = Instant.parse("2026-11-22T20:00:00.123456789Z");
    private static final long T0_NANOS = 1_795_377_600_123_456_789L;
    private static final Multiaddr CIRCUIT = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001/p2p/" + RELAY + "/p2p-circuit");
    private static final Multiaddr REMOTE_PUBLIC = Multiaddr.parse("/ip4/203.0.113.9/tcp/4711");
    private static final Multiaddr LISTEN = Multiaddr.parse("/ip4/192.168.1.20/tcp/4002");

    private static Instant t(long millis) {
        return T0.plusMillis(millis);
    }

    private static ByteString b(Multiaddr a) {
        return ByteString.copyFrom(a.toBytes());
    }

    private static RoundObservations observations(boolean direct, List<Multiaddr> open, List<Latency> latencies,
                                                  List<PortMapping> mappings) {
        return new RoundObservations(CLIENT, List.of(CIRCUIT), List.of(6), open, direct, List.of(LISTEN), latencies,
                mappings);
    }

    @Test
    void timesAreUnixNanosecondsAndDurationsSeconds() {
        assertThat(ResultMapper.nanos(T0)).isEqualTo(T0_NANOS);
        assertThat(ResultMapper.nanos(Instant.EPOCH)).isZero();
        assertThat(ResultMapper.seconds(Duration.ofMillis(1500))).isEqualTo(1.5f);
    }

    @Test
    void aSuccessCarriesItsAttemptsLatenciesAndMappings() {
        HolePunchAttempt failed = new HolePunchAttempt(1, AttemptOutcome.TIMEOUT, t(100), Optional.empty(), t(600),
                Optional.of(Duration.ofMillis(40)), List.of(REMOTE_PUBLIC), List.of(REMOTE_PUBLIC), Optional.empty(),
                Optional.of("no SYNC in time"));
        HolePunchAttempt ok = new HolePunchAttempt(2, AttemptOutcome.SUCCESS, t(700), Optional.of(t(720)), t(800),
                Optional.of(Duration.ofMillis(250)), List.of(REMOTE_PUBLIC), List.of(REMOTE_PUBLIC),
                Optional.of(REMOTE_PUBLIC), Optional.empty());
        HolePunchRecord r = new HolePunchRecord(REMOTE, Optional.of(RELAY), HolePunchRole.RESPONDER, HolePunchOutcome.SUCCESS,
                Optional.of(t(50)), T0, t(900), Optional.of(Duration.ofMillis(40)), List.of(failed, ok), List.of(LISTEN),
                List.of(REMOTE_PUBLIC), Optional.of(REMOTE_PUBLIC), Optional.of(t(800)), Optional.empty());
        Latency toRelay = new Latency(LatencyMeasurementType.TO_RELAY, RELAY, "relay/1.0", List.of("/ipfs/ping/1.0.0"),
                CIRCUIT.decapsulate(io.wirepunch.core.multiaddr.Protocol.P2P_CIRCUIT),
                List.of(Duration.ofMillis(10), Duration.ofMillis(20)), List.of("no answer in time"));
        PortMapping mapping = new PortMapping(new InetSocketAddress("203.0.113.1", 40001),
                new InetSocketAddress("192.168.1.20", 4002), Duration.ofHours(1), T0, T0);

        PunchrProtos.TrackHolePunchRequest req = ResultMapper.map(r,
                observations(true, List.of(REMOTE_PUBLIC), List.of(toRelay), List.of(mapping)));

        assertThat(req.getClientId().toByteArray()).isEqualTo(CLIENT.toBytes());
        assertThat(req.getRemoteId().toByteArray()).isEqualTo(REMOTE.toBytes());
        assertThat(req.getRemoteMultiAddressesList()).containsExactly(b(CIRCUIT));
        assertThat(req.getConnectStartedAt()).isEqualTo(T0_NANOS);
        assertThat(req.getConnectEndedAt()).isEqualTo(T0_NANOS + 50_000_000L);
        assertThat(req.getEndedAt()).isEqualTo(T0_NANOS + 900_000_000L);
        assertThat(req.getOutcome()).isEqualTo(PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS);
        assertThat(req.getHasDirectConns()).isTrue();
        assertThat(req.getOpenMultiAddressesList()).containsExactly(b(REMOTE_PUBLIC));
        assertThat(req.getListenMultiAddressesList()).containsExactly(b(LISTEN));
        assertThat(req.getProtocolsList()).containsExactly(6);
        assertThat(req.hasError()).isFalse();
        assertThat(req.getApiKey()).isEmpty();

        assertThat(req.getHolePunchAttemptsList()).hasSize(2);
        PunchrProtos.HolePunchAttempt a1 = req.getHolePunchAttempts(0);
        assertThat(a1.getOutcome()).isEqualTo(HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_TIMEOUT);
        assertThat(a1.getOpenedAt()).isEqualTo(T0_NANOS + 100_000_000L);
        assertThat(a1.hasStartedAt()).isFalse();
        assertThat(a1.getEndedAt()).isEqualTo(T0_NANOS + 600_000_000L);
        assertThat(a1.getStartRtt()).isEqualTo(0.04f);
        assertThat(a1.getElapsedTime()).isEqualTo(0.5f);
        assertThat(a1.getError()).isEqualTo("no SYNC in time");
        assertThat(a1.getMultiAddressesList()).containsExactly(b(REMOTE_PUBLIC));
        PunchrProtos.HolePunchAttempt a2 = req.getHolePunchAttempts(1);
        assertThat(a2.getOutcome()).isEqualTo(HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_SUCCESS);
        assertThat(a2.getStartedAt()).isEqualTo(T0_NANOS + 720_000_000L);
        assertThat(a2.getStartRtt()).isEqualTo(0.25f);
        assertThat(a2.getElapsedTime()).isEqualTo(0.1f);
        assertThat(a2.hasError()).isFalse();

        PunchrProtos.LatencyMeasurement l = req.getLatencyMeasurements(0);
        assertThat(l.getMtype()).isEqualTo(LatencyMeasurementType.TO_RELAY);
        assertThat(l.getRemoteId().toByteArray()).isEqualTo(RELAY.toBytes());
        assertThat(l.getAgentVersion()).isEqualTo("relay/1.0");
        assertThat(l.getProtocolsList()).containsExactly("/ipfs/ping/1.0.0");
        assertThat(l.getRttsList()).containsExactly(0.01f, 0.02f);
        assertThat(l.getRttErrsList()).containsExactly("no answer in time");

        PunchrProtos.NATMapping m = req.getNatMappings(0);
        assertThat(m.getInternalPort()).isEqualTo(4002);
        assertThat(m.getExternalPort()).isEqualTo(40001);
        assertThat(m.getProtocol()).isEqualTo("tcp");
        assertThat(m.getAddr()).isEqualTo("203.0.113.1");
        assertThat(m.getAddrNetwork()).isEqualTo("ip4");
    }

    @Test
    void aFailureAfterThreeAttemptsCarriesTheirOutcomesAndTheError() {
        List<HolePunchAttempt> attempts = List.of(1, 2, 3).stream().map(n -> new HolePunchAttempt(n, AttemptOutcome.FAILED,
                t(100L * n), Optional.of(t(100L * n + 10)), t(100L * n + 60), Optional.empty(), List.of(REMOTE_PUBLIC),
                List.of(), Optional.empty(), Optional.of("connection refused"))).toList();
        HolePunchRecord r = new HolePunchRecord(REMOTE, Optional.of(RELAY), HolePunchRole.RESPONDER, HolePunchOutcome.FAILED,
                Optional.of(t(30)), T0, t(500), Optional.empty(), attempts, List.of(), List.of(REMOTE_PUBLIC),
                Optional.empty(), Optional.empty(), Optional.of("every attempt failed"));

        PunchrProtos.TrackHolePunchRequest req = ResultMapper.map(r, observations(false, List.of(CIRCUIT), List.of(), List.of()));

        assertThat(req.getOutcome()).isEqualTo(PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_FAILED);
        assertThat(req.getHasDirectConns()).isFalse();
        assertThat(req.getError()).isEqualTo("every attempt failed");
        assertThat(req.getHolePunchAttemptsList()).hasSize(3).allSatisfy(a -> {
            assertThat(a.getOutcome()).isEqualTo(HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_FAILED);
            assertThat(a.hasStartRtt()).isFalse();
            assertThat(a.getElapsedTime()).isEqualTo(0.06f);
            assertThat(a.getStartedAt()).isEqualTo(a.getOpenedAt() + 10_000_000L);
        });
        assertThat(req.getNatMappingsList()).isEmpty();
        assertThat(req.getLatencyMeasurementsList()).isEmpty();
    }

    @Test
    void noStreamHasNoAttemptsAndEndsAfterTheConnection() {
        HolePunchRecord r = new HolePunchRecord(REMOTE, Optional.of(RELAY), HolePunchRole.RESPONDER,
                HolePunchOutcome.NO_STREAM, Optional.of(t(20)), T0, t(30_020), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.of("the remote opened no DCUtR stream within 30 s"));

        PunchrProtos.TrackHolePunchRequest req = ResultMapper.map(r, observations(false, List.of(CIRCUIT), List.of(), List.of()));

        assertThat(req.getOutcome()).isEqualTo(PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_STREAM);
        assertThat(req.getHolePunchAttemptsList()).isEmpty();
        assertThat(req.getConnectEndedAt()).isEqualTo(T0_NANOS + 20_000_000L);
        assertThat(req.getEndedAt()).isEqualTo(T0_NANOS + 30_020_000_000L);
        assertThat(req.getError()).contains("no DCUtR stream");
    }

    @Test
    void noConnectionEndsTheConnectWhenItFailedAndAReusedConnectionCountsFromTheStart() {
        HolePunchRecord none = new HolePunchRecord(REMOTE, Optional.empty(), HolePunchRole.RESPONDER,
                HolePunchOutcome.NO_CONNECTION, Optional.empty(), T0, t(75), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.of("no relayed connection: refused"));

        PunchrProtos.TrackHolePunchRequest req = ResultMapper.map(none, observations(false, List.of(), List.of(), List.of()));

        assertThat(req.getOutcome()).isEqualTo(PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_CONNECTION);
        assertThat(req.getConnectEndedAt()).isEqualTo(req.getEndedAt()).isEqualTo(T0_NANOS + 75_000_000L);
        assertThat(req.getOpenMultiAddressesList()).isEmpty();
        assertThat(req.getError()).startsWith("no relayed connection");

        HolePunchRecord reused = new HolePunchRecord(REMOTE, Optional.of(RELAY), HolePunchRole.RESPONDER,
                HolePunchOutcome.NO_STREAM, Optional.of(T0.minusSeconds(60)), T0, t(75), Optional.empty(), List.of(),
                List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(ResultMapper.map(reused, observations(false, List.of(), List.of(), List.of())).getConnectEndedAt())
                .isEqualTo(T0_NANOS);
    }

    @Test
    void everyOutcomeMapsToPunchrsOfTheSameName() {
        for (HolePunchOutcome o : HolePunchOutcome.values()) {
            assertThat(ResultMapper.outcome(o).name()).isEqualTo("HOLE_PUNCH_OUTCOME_" + o.name());
        }
        for (AttemptOutcome o : AttemptOutcome.values()) {
            assertThat(ResultMapper.outcome(o).name()).isEqualTo("HOLE_PUNCH_ATTEMPT_OUTCOME_" + o.name());
        }
    }
}
