package io.wirepunch.core.measure.server;

import static io.wirepunch.core.measure.MeasureFixtures.DCUTR_PROTOCOLS;
import static io.wirepunch.core.measure.MeasureFixtures.bytes;
import static io.wirepunch.core.measure.MeasureFixtures.directAddr;
import static io.wirepunch.core.measure.MeasureFixtures.nanos;
import static io.wirepunch.core.measure.MeasureFixtures.peer;
import static io.wirepunch.core.measure.MeasureFixtures.relayAddr;
import static io.wirepunch.core.measure.MeasureFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrProtos.HolePunchOutcome;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.ProtocolFilter;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The server over a real gRPC channel on loopback, with the embedded store behind it. */
@Timeout(120)
class PunchrServerTest {
    private static final HolePunchOutcome SUCCESS = HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS;
    /** nextLong() of -1 makes nextDouble() nearly 1: no protocol filter; 0 makes it 0: ip4+tcp. */
    private static final long NO_FILTER = -1L;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final AtomicLong randomLong = new AtomicLong(NO_FILTER);
    private JdbcMeasurementStore store;
    private MeasureMetrics metrics;
    private PunchrServer server;
    private ManagedChannel channel;
    private PunchrServiceGrpc.PunchrServiceBlockingStub stub;
    private String key;

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws Exception {
        store = JdbcMeasurementStore.openEmbedded(dir.resolve("db"));
        metrics = new MeasureMetrics();
        RandomGenerator random = randomLong::get;
        server = PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, null, null), store, metrics, clock, random);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.address().getPort()).usePlaintext().build();
        stub = PunchrServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        key = store.addApiKey("test");
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        store.close();
    }

    private long results() {
        return store.report(Instant.EPOCH).total();
    }

    private PunchrProtos.TrackHolePunchRequest.Builder aTrack() {
        PeerId remote = peer();
        return track(key, peer(), remote, List.of(relayAddr("tcp4", remote)), SUCCESS, 2, directAddr("tcp4"), true,
                now.get().minusSeconds(1));
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void registerAnswersTheClientsIdAndStoresIt() {
        PeerId client = peer();
        PunchrProtos.RegisterResponse r = stub.register(PunchrProtos.RegisterRequest.newBuilder().setApiKey(key)
                .setClientId(bytes(client)).setAgentVersion("punchr/go-client/0.7.0").addAllProtocols(DCUTR_PROTOCOLS).build());
        PunchrProtos.RegisterResponse again = stub.register(PunchrProtos.RegisterRequest.newBuilder().setApiKey(key)
                .setClientId(bytes(client)).setAgentVersion("punchr/go-client/0.7.1").build());
        assertThat(r.getDbPeerId()).isPositive().isEqualTo(again.getDbPeerId());
    }

    @Test
    void getAddrInfoAnswersNotFoundWithoutACandidateAndTheCandidateWithItsFilter() {
        PeerId host = peer();
        PunchrProtos.GetAddrInfoRequest req = PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(key)
                .setHostId(bytes(host)).addAllHostIds(bytes(host)).addAllHostIds(bytes(peer())).build();
        assertThatThrownBy(() -> stub.getAddrInfo(req)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        PeerId remote = peer();
        Multiaddr tcp4 = relayAddr("tcp4", remote);
        Multiaddr quic4 = relayAddr("quic4", remote);
        store.recordSighting(remote, "kubo/0.30.0", DCUTR_PROTOCOLS, List.of(tcp4, quic4), now.get().minusSeconds(5));
        PunchrProtos.GetAddrInfoResponse r = stub.getAddrInfo(req);
        assertThat(r.getRemoteId()).isEqualTo(bytes(remote));
        assertThat(r.getMultiAddressesList()).containsExactlyInAnyOrder(bytes(tcp4), bytes(quic4));
        assertThat(r.getProtocolsList()).isEmpty();
        randomLong.set(0);
        PunchrProtos.GetAddrInfoResponse filtered = stub.getAddrInfo(req);
        assertThat(filtered.getProtocolsList()).isEqualTo(ProtocolFilter.IP4_TCP.codes());
        assertThat(filtered.getMultiAddressesList()).containsExactly(bytes(tcp4));
    }

    @Test
    void trackHolePunchStoresTheResultAndTheMetricsCountIt() throws Exception {
        stub.trackHolePunch(aTrack().build());
        assertThat(results()).isEqualTo(1);
        assertThat(store.report(Instant.EPOCH).byOutcome()).isEqualTo(java.util.Map.of("SUCCESS", 1));
        code(() -> stub.trackHolePunch(aTrack().setApiKey("nope").build()));
        try (MetricsHttpServer http = MetricsHttpServer.start("127.0.0.1", 0, metrics)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.address().getPort() + MetricsHttpServer.PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(page.body())
                    .contains("punchr_requests_total{method=\"TrackHolePunch\",code=\"OK\"} 1\n")
                    .contains("punchr_requests_total{method=\"TrackHolePunch\",code=\"UNAUTHENTICATED\"} 1\n")
                    .contains("punchr_hole_punch_outcomes_total{outcome=\"SUCCESS\"} 1\n")
                    .contains("punchr_store_seconds_count{operation=\"track_hole_punch\"} 1\n")
                    .contains("punchr_store_seconds_sum{operation=\"track_hole_punch\"} ")
                    .doesNotContain(key);
        }
    }

    @Test
    void aMissingOrUnknownKeyIsUnauthenticatedAndNothingIsStored() {
        String unknown = JdbcMeasurementStore.keyHash(key).substring(0, 43);
        for (String k : new String[] {"", unknown}) {
            assertThat(code(() -> stub.register(PunchrProtos.RegisterRequest.newBuilder().setApiKey(k)
                    .setClientId(bytes(peer())).setAgentVersion("a").build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(code(() -> stub.getAddrInfo(PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(k)
                    .setHostId(bytes(peer())).build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(code(() -> stub.trackHolePunch(aTrack().setApiKey(k).build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        assertThat(code(() -> stub.trackHolePunch(aTrack().clearApiKey().buildPartial()))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(results()).isZero();
    }

    /** A limit: how to fill a request with {@code n} of something, and the field the refusal names. */
    record Limit(String name, int max, String field, BiConsumer<PunchrProtos.TrackHolePunchRequest.Builder, Integer> fill) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static <T> List<T> times(int n, IntFunction<T> f) {
        return IntStream.range(0, n).mapToObj(f).toList();
    }

    static Stream<Arguments> trackLimits() {
        PunchrProtos.HolePunchAttempt.Builder attempt = PunchrProtos.HolePunchAttempt.newBuilder()
                .setElapsedTime(0.1f).setOutcome(PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_FAILED);
        return Stream.of(
                new Limit("MAX_ADDRESSES remote", PunchrService.MAX_ADDRESSES, "remote_multi_addresses", (b, n) -> {
                    PeerId r = PeerId.fromBytes(b.getRemoteId().toByteArray());
                    b.clearRemoteMultiAddresses().addAllRemoteMultiAddresses(times(n, i -> bytes(relayAddr("tcp4", r))));
                }),
                new Limit("MAX_ADDRESSES attempt", PunchrService.MAX_ADDRESSES, "hole_punch_attempts.multi_addresses", (b, n) ->
                        b.setHolePunchAttempts(0, b.getHolePunchAttempts(0).toBuilder().clearMultiAddresses()
                                .addAllMultiAddresses(times(n, i -> bytes(directAddr("tcp4")))))),
                new Limit("MAX_ADDRESSES listen", PunchrService.MAX_ADDRESSES, "listen_multi_addresses", (b, n) ->
                        b.clearListenMultiAddresses().addAllListenMultiAddresses(times(n, i -> bytes(directAddr("quic4"))))),
                new Limit("MAX_ATTEMPTS", PunchrService.MAX_ATTEMPTS, "hole_punch_attempts", (b, n) -> {
                    PunchrProtos.HolePunchAttempt a = attempt.clone().setOpenedAt(b.getConnectEndedAt())
                            .setEndedAt(b.getConnectEndedAt()).build();
                    b.clearHolePunchAttempts().addAllHolePunchAttempts(times(n, i -> a));
                }),
                new Limit("MAX_LATENCY_MEASUREMENTS", PunchrService.MAX_LATENCY_MEASUREMENTS, "latency_measurements", (b, n) ->
                        b.addAllLatencyMeasurements(times(n - b.getLatencyMeasurementsCount(), i -> b.getLatencyMeasurements(0)))),
                new Limit("MAX_RTTS rtts", PunchrService.MAX_RTTS, "latency_measurements.rtts", (b, n) ->
                        b.setLatencyMeasurements(0, b.getLatencyMeasurements(0).toBuilder().clearRtts()
                                .addAllRtts(times(n, i -> 0.01f * (i + 1))))),
                new Limit("MAX_RTTS rtt_errs", PunchrService.MAX_RTTS, "latency_measurements.rtt_errs", (b, n) ->
                        b.setLatencyMeasurements(0, b.getLatencyMeasurements(0).toBuilder().clearRttErrs()
                                .addAllRttErrs(times(n, i -> "timeout")))),
                new Limit("MAX_PROTOCOLS", PunchrService.MAX_PROTOCOLS, "latency_measurements.protocols", (b, n) ->
                        b.setLatencyMeasurements(0, b.getLatencyMeasurements(0).toBuilder().clearProtocols()
                                .addAllProtocols(times(n, i -> "/p/" + i)))),
                new Limit("MAX_PROTOCOL_CHARS", PunchrService.MAX_PROTOCOL_CHARS, "latency_measurements.protocols", (b, n) ->
                        b.setLatencyMeasurements(0, b.getLatencyMeasurements(0).toBuilder().addProtocols("/" + "p".repeat(n - 1)))),
                new Limit("MAX_AGENT_VERSION_CHARS", PunchrService.MAX_AGENT_VERSION_CHARS, "latency_measurements.agent_version",
                        (b, n) -> b.setLatencyMeasurements(0, b.getLatencyMeasurements(0).toBuilder().setAgentVersion("a".repeat(n)))),
                new Limit("MAX_NAT_MAPPINGS", PunchrService.MAX_NAT_MAPPINGS, "nat_mappings", (b, n) ->
                        b.addAllNatMappings(times(n - b.getNatMappingsCount(), i -> b.getNatMappings(0)))),
                new Limit("MAX_NAT_FIELD_CHARS", PunchrService.MAX_NAT_FIELD_CHARS, "nat_mappings.addr_network", (b, n) ->
                        b.setNatMappings(0, b.getNatMappings(0).toBuilder().setAddrNetwork("n".repeat(n)))),
                new Limit("MAX_FILTER_PROTOCOLS", PunchrService.MAX_FILTER_PROTOCOLS, "protocols", (b, n) ->
                        b.clearProtocols().addAllProtocols(times(n, i -> 4))),
                new Limit("MAX_ERROR_CHARS result", PunchrService.MAX_ERROR_CHARS, "error", (b, n) -> b.setError("e".repeat(n))),
                new Limit("MAX_ERROR_CHARS attempt", PunchrService.MAX_ERROR_CHARS, "hole_punch_attempts.direct_dial_error",
                        (b, n) -> b.setHolePunchAttempts(0, b.getHolePunchAttempts(0).toBuilder().setDirectDialError("e".repeat(n)))),
                new Limit("MAX_ROUTER_HTML_CHARS", PunchrService.MAX_ROUTER_HTML_CHARS, "network_information.router_login_html",
                        (b, n) -> b.setNetworkInformation(b.getNetworkInformation().toBuilder().setRouterLoginHtml("h".repeat(n)))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackLimits")
    void trackHolePunchAcceptsEachLimitAndRefusesOneMoreStoringNothing(Limit limit) {
        PunchrProtos.TrackHolePunchRequest.Builder atLimit = aTrack();
        limit.fill().accept(atLimit, limit.max());
        stub.trackHolePunch(atLimit.build());
        assertThat(results()).isEqualTo(1);
        PunchrProtos.TrackHolePunchRequest.Builder over = aTrack();
        limit.fill().accept(over, limit.max() + 1);
        assertThatThrownBy(() -> stub.trackHolePunch(over.build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith(limit.field() + " has " + (limit.max() + 1))
                    .contains(String.valueOf(limit.max()));
        });
        assertThat(results()).isEqualTo(1);
    }

    @Test
    void registerAndGetAddrInfoAcceptEachLimitAndRefuseOneMore() {
        PunchrProtos.RegisterRequest.Builder reg = PunchrProtos.RegisterRequest.newBuilder().setApiKey(key)
                .setClientId(bytes(peer())).setAgentVersion("a".repeat(PunchrService.MAX_AGENT_VERSION_CHARS))
                .addAllProtocols(times(PunchrService.MAX_PROTOCOLS, i -> "/p/" + i));
        assertThat(code(() -> stub.register(reg.build()))).isEqualTo(Status.Code.OK);
        assertThat(code(() -> stub.register(reg.clone().setAgentVersion("a".repeat(PunchrService.MAX_AGENT_VERSION_CHARS + 1))
                .build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> stub.register(reg.clone().addProtocols("/one/more").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        PunchrProtos.GetAddrInfoRequest.Builder ask = PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(key)
                .setHostId(bytes(peer())).addAllAllHostIds(times(PunchrService.MAX_HOST_IDS, i -> bytes(peer())));
        assertThat(code(() -> stub.getAddrInfo(ask.build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThatThrownBy(() -> stub.getAddrInfo(ask.clone().addAllHostIds(bytes(peer())).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("all_host_ids has " + (PunchrService.MAX_HOST_IDS + 1) + " entries, over the "
                                + PunchrService.MAX_HOST_IDS + " allowed"));
    }

    @Test
    void badPeerIdsAndMultiaddressesAreInvalidArguments() {
        ByteString notAPeer = ByteString.copyFrom(new byte[] {0x12, 0x05, 1, 2, 3, 4, 5});
        ByteString notAnAddr = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x03, 1});
        assertThatThrownBy(() -> stub.register(PunchrProtos.RegisterRequest.newBuilder().setApiKey(key).setClientId(notAPeer)
                .setAgentVersion("a").build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("client_id is not a peer id");
                });
        assertThat(code(() -> stub.getAddrInfo(PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(key).setHostId(bytes(peer()))
                .addAllHostIds(notAPeer).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> stub.trackHolePunch(aTrack().setRemoteId(notAPeer).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThatThrownBy(() -> stub.trackHolePunch(aTrack().addOpenMultiAddresses(notAnAddr).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .startsWith("open_multi_addresses holds a multiaddress that cannot be read"));
        PunchrProtos.TrackHolePunchRequest.Builder badLatency = aTrack();
        badLatency.setLatencyMeasurements(0, badLatency.getLatencyMeasurements(0).toBuilder().setMultiAddress(notAnAddr));
        assertThat(code(() -> stub.trackHolePunch(badLatency.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        PunchrProtos.TrackHolePunchRequest.Builder nanRtt = aTrack();
        nanRtt.setLatencyMeasurements(0, nanRtt.getLatencyMeasurements(0).toBuilder().addRtts(Float.NaN));
        assertThat(code(() -> stub.trackHolePunch(nanRtt.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        PunchrProtos.TrackHolePunchRequest.Builder badPort = aTrack();
        badPort.setNatMappings(0, badPort.getNatMappings(0).toBuilder().setExternalPort(65536));
        assertThat(code(() -> stub.trackHolePunch(badPort.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(results()).isZero();
    }

    private static final io.grpc.MethodDescriptor.Marshaller<byte[]> RAW = new io.grpc.MethodDescriptor.Marshaller<>() {
        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream in) {
            try {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    private Status.Code rawCall(String method, byte[] request) {
        io.grpc.MethodDescriptor<byte[], byte[]> d = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName("PunchrService/" + method)
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
        return code(() -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, d,
                io.grpc.CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request));
    }

    @Test
    void bytesThatAreNoMessageAndMessagesMissingRequiredFieldsGetClearRefusals() {
        assertThat(rawCall("Register", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(rawCall("TrackHolePunch", new byte[] {0x0a, 0x7f, 0x01})).isEqualTo(Status.Code.INVALID_ARGUMENT);
        // only the key: the peer id and times are missing
        byte[] onlyKey = PunchrProtos.TrackHolePunchRequest.newBuilder().setApiKey(key).buildPartial().toByteArray();
        assertThat(rawCall("TrackHolePunch", onlyKey)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        byte[] askOnlyKey = PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(key).buildPartial().toByteArray();
        assertThat(rawCall("GetAddrInfo", askOnlyKey)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(results()).isZero();
        assertThat(metrics.exposition()).contains("punchr_requests_total{method=\"Register\",code=\"INVALID_ARGUMENT\"} 1");
    }

    @Test
    void absurdTimesAreInvalidArgumentsAndNotStored() {
        Instant t = now.get();
        long earliest = nanos(PunchrService.EARLIEST);
        long ahead = nanos(t.plus(PunchrService.MAX_CLOCK_AHEAD));
        // at the limits: accepted
        assertThat(code(() -> stub.trackHolePunch(aTrack().setConnectStartedAt(earliest).build()))).isEqualTo(Status.Code.OK);
        assertThat(code(() -> stub.trackHolePunch(aTrack().setEndedAt(ahead).build()))).isEqualTo(Status.Code.OK);
        assertThat(results()).isEqualTo(2);
        // one nanosecond past them, or out of order: refused
        List<PunchrProtos.TrackHolePunchRequest.Builder> absurd = List.of(
                aTrack().setConnectStartedAt(earliest - 1),
                aTrack().setEndedAt(ahead + 1),
                aTrack().setEndedAt(-1L),
                aTrack().setConnectStartedAt(0),
                aTrack().setConnectEndedAt(aTrack().getConnectStartedAt() - 1),
                aTrack().setEndedAt(aTrack().getConnectStartedAt() - 1));
        for (PunchrProtos.TrackHolePunchRequest.Builder b : absurd) {
            assertThat(code(() -> stub.trackHolePunch(b.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        PunchrProtos.TrackHolePunchRequest.Builder attemptBackwards = aTrack();
        PunchrProtos.HolePunchAttempt a = attemptBackwards.getHolePunchAttempts(0);
        attemptBackwards.setHolePunchAttempts(0, a.toBuilder().setEndedAt(a.getOpenedAt() - 1));
        assertThatThrownBy(() -> stub.trackHolePunch(attemptBackwards.build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getDescription()).isEqualTo("hole_punch_attempts.ended_at is before hole_punch_attempts.opened_at"));
        assertThat(results()).isEqualTo(2);
    }

    @Test
    void aRequestOverTheSizeLimitIsRefusedByGrpcAndOneAtItReachesTheService() {
        PunchrProtos.TrackHolePunchRequest.Builder b = aTrack();
        int html = PunchrServer.MAX_INBOUND_MESSAGE_BYTES - b.build().getSerializedSize() - 16;
        b.setNetworkInformation(b.getNetworkInformation().toBuilder().setRouterLoginHtml("h".repeat(html)));
        int size = b.build().getSerializedSize();
        b.setNetworkInformation(b.getNetworkInformation().toBuilder()
                .setRouterLoginHtml("h".repeat(html + PunchrServer.MAX_INBOUND_MESSAGE_BYTES - size)));
        assertThat(b.build().getSerializedSize()).isEqualTo(PunchrServer.MAX_INBOUND_MESSAGE_BYTES);
        // at the size limit, the service sees it (and refuses the page as too long)
        assertThat(code(() -> stub.trackHolePunch(b.build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        b.setError("x");
        assertThat(b.build().getSerializedSize()).isGreaterThan(PunchrServer.MAX_INBOUND_MESSAGE_BYTES);
        assertThat(code(() -> stub.trackHolePunch(b.build()))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(results()).isZero();
        assertThat(code(() -> stub.trackHolePunch(aTrack().build()))).isEqualTo(Status.Code.OK);
    }

    @Test
    void aKeyOverItsRateIsResourceExhaustedUntilTokensRefill() {
        PunchrProtos.GetAddrInfoRequest ask = PunchrProtos.GetAddrInfoRequest.newBuilder().setApiKey(key).setHostId(bytes(peer())).build();
        for (int i = 0; i < RateLimiter.BURST; i++) {
            assertThat(code(() -> stub.getAddrInfo(ask))).as("call %d", i + 1).isEqualTo(Status.Code.NOT_FOUND);
        }
        assertThatThrownBy(() -> stub.getAddrInfo(ask)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).doesNotContain(key);
        });
        assertThat(code(() -> stub.trackHolePunch(aTrack().build()))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        // another key has its own bucket
        String other = store.addApiKey("other");
        assertThat(code(() -> stub.getAddrInfo(ask.toBuilder().setApiKey(other).build()))).isEqualTo(Status.Code.NOT_FOUND);
        // one token back after 1/PER_SECOND seconds
        now.set(now.get().plusMillis((long) Math.ceil(1000 / RateLimiter.PER_SECOND)));
        assertThat(code(() -> stub.getAddrInfo(ask))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> stub.getAddrInfo(ask))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(results()).isZero();
    }

    @Test
    void tlsServesAClientThatTrustsTheCertificate() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        SelfSignedCert cert = SelfSignedCert.write(tls);
        try (PunchrServer secure = PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, cert.cert(), cert.key()),
                store, metrics, clock, randomLong::get)) {
            int port = secure.address().getPort();
            ManagedChannel tlsChannel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(cert.cert().toFile()).build()).build();
            ManagedChannel plain = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                PunchrProtos.RegisterRequest req = PunchrProtos.RegisterRequest.newBuilder().setApiKey(key)
                        .setClientId(bytes(peer())).setAgentVersion("a").build();
                assertThat(PunchrServiceGrpc.newBlockingStub(tlsChannel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .register(req).getDbPeerId()).isPositive();
                assertThat(code(() -> PunchrServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .register(req))).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL);
            } finally {
                tlsChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aTlsKeyThatIsNoKeyIsRefusedWithASentence() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        SelfSignedCert cert = SelfSignedCert.write(tls);
        Files.writeString(cert.key(), "not a key\n");
        assertThatThrownBy(() -> PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, cert.cert(), cert.key()),
                store, metrics, clock, randomLong::get)).isInstanceOf(java.io.IOException.class).hasMessageContaining("TLS");
    }
}
