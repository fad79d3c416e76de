package io.wirepunch.core.measure.client;

import static io.wirepunch.core.measure.LoopbackNet.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.InMemoryStore;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.Report;
import io.wirepunch.core.measure.LoopbackNet;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrProtos.HolePunchOutcome;
import io.wirepunch.core.measure.pb.PunchrProtos.LatencyMeasurementType;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import io.wirepunch.core.testutil.TestPeerIds;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The measurement rounds with real nodes on loopback: a relay, a remote reserved on it that starts
 * DCUtR (or not), a punchr server on loopback handing the remote out and collecting the results,
 * and a local store.
 */
class MeasurementRoundsTest {
    private static final String KEY = "rounds-key";
    /** The remote's NO_STREAM wait in these tests, short so the test does not wait 30 s. */
    private static final Duration SHORT_STREAM_WAIT = Duration.ofSeconds(2);
    private static final int PINGS = 2;

    @TempDir
    Path dataDir;
    private final LoopbackNet net = new LoopbackNet();
    private final InMemoryStore store = new InMemoryStore();
    private final List<RoundEvent> events = new CopyOnWriteArrayList<>();
    private TestPunchrServer server;
    private Node relay;
    private MeasurementRounds rounds;

    @BeforeEach
    void start() throws Exception {
        server = new TestPunchrServer();
        relay = net.relay(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        if (rounds != null) {
            rounds.close();
        }
        server.close();
        net.close();
    }

    private RoundSettings settings(int hosts, int perHost) {
        return RoundSettings.defaults().withHosts(hosts).withRounds(perHost).withListen(LoopbackNet.LOOPBACK)
                .withNodeOptions(LoopbackNet.options(LoopbackNet.exchangeOnly())).withPings(PINGS)
                .withStreamWait(SHORT_STREAM_WAIT).withIdleWait(Duration.ofMillis(200));
    }

    private MeasurementRounds rounds(RoundSettings s, boolean withServer) {
        return rounds(s, withServer, new MeasurementRounds.LocalStore(store, 7));
    }

    private MeasurementRounds rounds(RoundSettings s, boolean withServer, MeasurementRounds.LocalStore local) {
        rounds = new MeasurementRounds(s, withServer ? Optional.of(server.client(KEY, PunchrClient.DEFAULT_DEADLINE))
                : Optional.empty(), Optional.of(local), Clock.systemUTC());
        rounds.subscribe(events::add);
        return rounds;
    }

    private void handOut(Node remote) {
        Multiaddr circuit = LoopbackNet.relayAddr(relay);
        server.addrInfo = r -> PunchrProtos.GetAddrInfoResponse.newBuilder()
                .setRemoteId(ByteString.copyFrom(remote.host().peerId().toBytes()))
                .addMultiAddresses(ByteString.copyFrom(circuit.toBytes())).addProtocols(6).build();
    }

    /**
     * {@code remote} connects to {@code host} until {@code recorded} holds, then closes every connection
     * between them, so that a round starts from no connection (one left open would be reused, not punched).
     */
    private static void meetThenPart(Node remote, Node host, java.util.concurrent.Callable<Boolean> recorded)
            throws Exception {
        LoopbackNet.get(remote.host().connect(LoopbackNet.addr(host)));
        await().atMost(SETTLE).until(recorded);
        for (var c : remote.host().connections().connections(host.host().peerId())) {
            LoopbackNet.get(c.close());
        }
        await().atMost(SETTLE).until(() -> host.host().connections().connections(remote.host().peerId()).isEmpty());
    }

    private static PeerId peer(ByteString b) {
        return PeerId.fromBytes(b.toByteArray());
    }

    private static Map<LatencyMeasurementType, PunchrProtos.LatencyMeasurement> byType(PunchrProtos.TrackHolePunchRequest r) {
        return r.getLatencyMeasurementsList().stream()
                .collect(Collectors.toMap(PunchrProtos.LatencyMeasurement::getMtype, Function.identity()));
    }

    /** What holds for any result: times in order, at most three attempts, the direct connection as the outcome says. */
    private static void assertConsistent(PunchrProtos.TrackHolePunchRequest r) {
        assertThat(r.getConnectStartedAt()).isPositive().isLessThanOrEqualTo(r.getConnectEndedAt());
        assertThat(r.getConnectEndedAt()).isLessThanOrEqualTo(r.getEndedAt());
        assertThat(r.hasNetworkInformation() && (r.getNetworkInformation().hasSupportsIpv6()
                || r.getNetworkInformation().hasSupportsIpv6Error())).as("network information").isTrue();
        assertThat(r.getHolePunchAttemptsCount()).isLessThanOrEqualTo(3);
        for (PunchrProtos.HolePunchAttempt a : r.getHolePunchAttemptsList()) {
            assertThat(a.getOpenedAt()).isGreaterThanOrEqualTo(r.getConnectStartedAt()).isLessThanOrEqualTo(a.getEndedAt());
            if (a.hasStartedAt()) {
                assertThat(a.getStartedAt()).isBetween(a.getOpenedAt(), a.getEndedAt());
            }
            assertThat(a.getEndedAt()).isLessThanOrEqualTo(r.getEndedAt());
            assertThat(a.getElapsedTime()).isGreaterThanOrEqualTo(0f);
        }
        boolean direct = r.getOutcome() == HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS
                || r.getOutcome() == HolePunchOutcome.HOLE_PUNCH_OUTCOME_CONNECTION_REVERSED;
        assertThat(r.getHasDirectConns()).isEqualTo(direct);
        Map<LatencyMeasurementType, PunchrProtos.LatencyMeasurement> latencies = byType(r);
        assertThat(latencies).containsKeys(LatencyMeasurementType.TO_RELAY, LatencyMeasurementType.TO_REMOTE_THROUGH_RELAY);
        if (direct) {
            assertThat(latencies).containsKey(LatencyMeasurementType.TO_REMOTE_AFTER_HOLE_PUNCH);
            assertThat(r.getOpenMultiAddressesList()).isNotEmpty();
        } else {
            assertThat(latencies).doesNotContainKey(LatencyMeasurementType.TO_REMOTE_AFTER_HOLE_PUNCH);
        }
        for (PunchrProtos.LatencyMeasurement l : latencies.values()) {
            assertThat(l.getRttsCount() + l.getRttErrsCount()).isEqualTo(PINGS);
            assertThat(l.getRttsList()).allSatisfy(rtt -> assertThat(rtt).isPositive());
        }
        assertThat(r.getListenMultiAddressesCount()).isPositive();
    }

    @Test
    void eachHostPunchesTheRemoteItIsHandedAndTracksAConsistentResult() throws Exception {
        Node remote = net.reserved(relay, LoopbackNet.options(LoopbackNet.exchangeOnly()));
        handOut(remote);
        rounds(settings(2, 1), true).start();

        assertThat(rounds.awaitDone(SETTLE.multipliedBy(2))).isTrue();

        List<PeerId> hosts = rounds.hostIds();
        assertThat(server.tracked).hasSize(2);
        assertThat(server.tracked.stream().map(t -> peer(t.getClientId()))).containsExactlyInAnyOrderElementsOf(hosts);
        for (PunchrProtos.TrackHolePunchRequest r : server.tracked) {
            assertThat(peer(r.getRemoteId())).isEqualTo(remote.host().peerId());
            assertThat(r.getApiKey()).isEqualTo(KEY);
            assertThat(r.getRemoteMultiAddressesList())
                    .containsExactly(ByteString.copyFrom(LoopbackNet.relayAddr(relay).toBytes()));
            assertThat(r.getProtocolsList()).containsExactly(6);
            assertThat(r.getOutcome()).isIn(HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS,
                    HolePunchOutcome.HOLE_PUNCH_OUTCOME_FAILED, HolePunchOutcome.HOLE_PUNCH_OUTCOME_CONNECTION_REVERSED);
            assertConsistent(r);
            assertThat(peer(byType(r).get(LatencyMeasurementType.TO_RELAY).getRemoteId())).isEqualTo(relay.host().peerId());
        }
        for (TestPunchrServer.Call c : server.calls("GetAddrInfo")) {
            var req = (PunchrProtos.GetAddrInfoRequest) c.request();
            assertThat(req.getAllHostIdsList().stream().map(MeasurementRoundsTest::peer)).containsExactlyInAnyOrderElementsOf(hosts);
            assertThat(hosts).contains(peer(req.getHostId()));
        }
        assertThat(server.calls("Register")).hasSize(2);
        assertThat(store.tracked).extracting(InMemoryStore.Tracked::request).containsExactlyInAnyOrderElementsOf(
                server.tracked.stream().map(t -> t.toBuilder().setApiKey("").build()).toList());
        assertThat(store.tracked).allSatisfy(t -> assertThat(t.authorization()).isEqualTo(7));
        assertThat(events).filteredOn(e -> e instanceof RoundEvent.Measured).hasSize(2)
                .allSatisfy(e -> assertThat(((RoundEvent.Measured) e).reported()).isTrue());
    }

    /**
     * A remote that speaks DCUtR but never starts it (automatic hole punching off), and one that
     * does not speak it at all (its hole punching stopped): both leave the host waiting.
     */
    @ParameterizedTest(name = "speaks DCUtR: {0}")
    @ValueSource(booleans = {true, false})
    void aRemoteThatNeverStartsDcutrIsNoStreamAfterTheWait(boolean speaksDcutr) throws Exception {
        Node remote = net.reserved(relay, LoopbackNet.options(LoopbackNet.exchangeOnly().withAuto(false)));
        if (!speaksDcutr) {
            remote.holePunch().stop();
        }
        assertThat(remote.host().protocols().ids().contains(DcutrProtocol.ID)).isEqualTo(speaksDcutr);
        handOut(remote);
        rounds(settings(1, 1), true).start();

        assertThat(rounds.awaitDone(SETTLE)).isTrue();

        PunchrProtos.TrackHolePunchRequest r = server.tracked.get(0);
        assertThat(r.getOutcome()).isEqualTo(HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_STREAM);
        assertThat(r.getHolePunchAttemptsList()).isEmpty();
        assertThat(r.getError()).contains("no DCUtR stream");
        long waited = r.getEndedAt() - r.getConnectEndedAt();
        assertThat(waited).isBetween(SHORT_STREAM_WAIT.toNanos(), SHORT_STREAM_WAIT.plusSeconds(5).toNanos());
        assertConsistent(r);
    }

    @Test
    void aRelayNobodyListensAtIsNoConnectionWithoutLatencies() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        PeerId absentRemote = TestPeerIds.peer(78);
        Multiaddr deadRelay = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort + "/p2p/" + TestPeerIds.peer(77)
                + "/p2p-circuit");
        server.addrInfo = r -> PunchrProtos.GetAddrInfoResponse.newBuilder()
                .setRemoteId(ByteString.copyFrom(absentRemote.toBytes()))
                .addMultiAddresses(ByteString.copyFrom(deadRelay.toBytes())).build();
        rounds(settings(1, 1), true).start();

        assertThat(rounds.awaitDone(SETTLE)).isTrue();

        PunchrProtos.TrackHolePunchRequest r = server.tracked.get(0);
        assertThat(r.getOutcome()).isEqualTo(HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_CONNECTION);
        assertThat(peer(r.getRemoteId())).isEqualTo(absentRemote);
        assertThat(r.getHolePunchAttemptsList()).isEmpty();
        assertThat(r.getHasDirectConns()).isFalse();
        assertThat(r.getOpenMultiAddressesList()).isEmpty();
        assertThat(r.getLatencyMeasurementsList()).isEmpty();
        assertThat(r.getError()).isNotEmpty();
        assertThat(r.getConnectStartedAt()).isLessThanOrEqualTo(r.getConnectEndedAt());
        assertThat(r.getConnectEndedAt()).isEqualTo(r.getEndedAt());
    }

    @ParameterizedTest(name = "the live relay handed out after {0} dead ones")
    @ValueSource(ints = {1, MeasurementRounds.MAX_RELAYS_TRIED})
    void theFirstRelayThatAnswersOfTheFirstFewCarriesTheRound(int dead) throws Exception {
        Node remote = net.reserved(relay, LoopbackNet.options(LoopbackNet.exchangeOnly()));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Multiaddr live = LoopbackNet.relayAddr(relay);
        server.addrInfo = r -> {
            PunchrProtos.GetAddrInfoResponse.Builder b = PunchrProtos.GetAddrInfoResponse.newBuilder()
                    .setRemoteId(ByteString.copyFrom(remote.host().peerId().toBytes()));
            for (int i = 0; i < dead; i++) {
                b.addMultiAddresses(ByteString.copyFrom(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort + "/p2p/"
                        + TestPeerIds.peer(60 + i) + "/p2p-circuit").toBytes()));
            }
            return b.addMultiAddresses(ByteString.copyFrom(live.toBytes())).build();
        };
        rounds(settings(1, 1), true).start();

        assertThat(rounds.awaitDone(SETTLE.multipliedBy(2))).isTrue();

        PunchrProtos.TrackHolePunchRequest r = server.tracked.get(0);
        assertThat(r.getRemoteMultiAddressesCount()).isEqualTo(dead + 1);
        if (dead < MeasurementRounds.MAX_RELAYS_TRIED) {
            assertThat(r.getOutcome()).isEqualTo(HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS);
            assertThat(byType(r)).containsKey(LatencyMeasurementType.TO_RELAY);
            assertConsistent(r);
        } else {
            // Past the limit the live relay is not tried: the round punches through the first, which is dead.
            assertThat(r.getOutcome()).isEqualTo(HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_CONNECTION);
            assertThat(r.getLatencyMeasurementsList()).isEmpty();
        }
    }

    @Test
    void anUnavailableServerIsRetriedWithAnExponentialBackoffUpToItsCap() throws Exception {
        server.failWith = Status.UNAVAILABLE;
        Duration first = Duration.ofMillis(100);
        Duration cap = Duration.ofMillis(250);
        rounds(settings(1, 0).withBackoff(first, cap), true).start();

        await().atMost(SETTLE).until(() -> backoffs().size() >= 4);
        List<RoundEvent.Backoff> b = backoffs().subList(0, 4);
        assertThat(b).extracting(RoundEvent.Backoff::failures).containsExactly(1, 2, 3, 4);
        assertThat(b).extracting(RoundEvent.Backoff::delay)
                .containsExactly(first, first.multipliedBy(2), cap, cap);
        assertThat(b.get(0).error()).contains("UNAVAILABLE");
        List<TestPunchrServer.Call> calls = server.calls("Register");
        for (int i = 1; i < 4; i++) {
            Duration gap = Duration.between(calls.get(i - 1).at(), calls.get(i).at());
            assertThat(gap).isGreaterThanOrEqualTo(b.get(i - 1).delay().minusMillis(5));
        }

        server.failWith = null;
        await().atMost(SETTLE).until(() -> events.stream().anyMatch(e -> e instanceof RoundEvent.Idle));
        assertThat(server.calls("GetAddrInfo")).isNotEmpty();
    }

    private List<RoundEvent.Backoff> backoffs() {
        return events.stream().filter(e -> e instanceof RoundEvent.Backoff).map(e -> (RoundEvent.Backoff) e).toList();
    }

    @Test
    void switchedOffTheHostsAskNothingUntilSwitchedOn() throws Exception {
        rounds(settings(1, 0), true);
        assertThat(rounds.setParticipating(false)).isFalse();
        rounds.start();

        Thread.sleep(500);
        assertThat(server.calls).isEmpty();
        assertThat(rounds.participating()).isFalse();

        rounds.setParticipating(true);
        await().atMost(SETTLE).until(() -> !server.calls("GetAddrInfo").isEmpty());
    }

    @Test
    void withoutAServerTheHostsPunchPeersTheyMetThemselvesAndKeepTheResultsLocally() throws Exception {
        Node remote = net.reserved(relay, LoopbackNet.options(LoopbackNet.exchangeOnly()));
        rounds(settings(1, 1), false);
        rounds.setParticipating(false);
        rounds.start();
        Node host = rounds.hosts().get(0);

        // The remote meets the host; the host identifies it and records the sighting.
        meetThenPart(remote, host, () -> store.sightings.stream().anyMatch(s -> s.peer().equals(remote.host().peerId())
                && s.protocols().contains(DcutrProtocol.ID) && s.addrs().stream().anyMatch(Multiaddr::isCircuit)));
        rounds.setParticipating(true);

        assertThat(rounds.awaitDone(SETTLE.multipliedBy(2))).isTrue();

        assertThat(server.calls).isEmpty();
        assertThat(store.clients()).containsExactly(host.host().peerId());
        assertThat(store.tracked).singleElement().satisfies(t -> {
            assertThat(peer(t.request().getRemoteId())).isEqualTo(remote.host().peerId());
            assertThat(peer(t.request().getClientId())).isEqualTo(host.host().peerId());
            assertConsistent(t.request());
        });
        assertThat(events).filteredOn(e -> e instanceof RoundEvent.Measured).singleElement()
                .satisfies(e -> {
                    assertThat(((RoundEvent.Measured) e).reported()).isFalse();
                    assertThat(((RoundEvent.Measured) e).kept()).isTrue();
                });
    }

    @Test
    void withoutAServerTheResultsLandInTheEmbeddedStoreAndItsReport() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        try (JdbcMeasurementStore embedded = JdbcMeasurementStore.openEmbedded(dataDir.resolve("measure"))) {
            Node remote = net.reserved(relay, LoopbackNet.options(LoopbackNet.exchangeOnly()));
            rounds(settings(1, 1), false, new MeasurementRounds.LocalStore(embedded,
                    embedded.authorize(embedded.addApiKey("rounds")).orElseThrow()));
            rounds.setParticipating(false);
            rounds.start();
            Node host = rounds.hosts().get(0);
            // The host meets the remote and learns its relay address through identify; the store makes it a candidate.
            meetThenPart(remote, host, () -> embedded.candidate(List.of(), Instant.now())
                    .filter(c -> c.peer().equals(remote.host().peerId())).isPresent());
            rounds.setParticipating(true);
            assertThat(rounds.awaitDone(SETTLE.multipliedBy(2))).isTrue();

            assertThat(server.calls).isEmpty();
            Report report = embedded.report(since);
            assertThat(report.total()).isEqualTo(1);
            assertThat(report.byOutcome()).isEqualTo(Map.of("SUCCESS", 1));
            assertThat(report.byNatPairing()).containsOnlyKeys("UNKNOWN/ENDPOINT_INDEPENDENT");
            assertThat(events).filteredOn(e -> e instanceof RoundEvent.Measured).singleElement()
                    .satisfies(e -> assertThat(((RoundEvent.Measured) e).kept()).isTrue());
            rounds.close();
            rounds = null;
        }
    }
}
