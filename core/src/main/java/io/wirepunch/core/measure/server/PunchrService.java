package io.wirepunch.core.measure.server;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.measure.store.ProtocolFilter;
import io.wirepunch.core.measure.store.StoreException;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.MultiaddrException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * punchr's three calls over a {@link MeasurementStore}. Every call names its API key inside the
 * request: a missing or unknown key is UNAUTHENTICATED; a key over its rate ({@link RateLimiter}) is
 * RESOURCE_EXHAUSTED; a request over one of the limits below, with a bad peer id or multiaddress or
 * with absurd times is INVALID_ARGUMENT with a sentence saying what, and nothing of it is stored.
 * GetAddrInfo answers NOT_FOUND when there is no peer to hole punch. API keys are never logged.
 */
public final class PunchrService extends PunchrServiceGrpc.PunchrServiceImplBase {
    private static final Logger log = LoggerFactory.getLogger(PunchrService.class);

    /** Multiaddresses in any one list of a request (remote, open, listen, an attempt's). */
    public static final int MAX_ADDRESSES = 64;
    /** Hole punch attempts in one result (punchr makes up to 3). */
    public static final int MAX_ATTEMPTS = 10;
    /** Latency measurements in one result. */
    public static final int MAX_LATENCY_MEASUREMENTS = 16;
    /** Round trips (and round-trip errors) in one latency measurement. */
    public static final int MAX_RTTS = 100;
    /** NAT mappings in one result. */
    public static final int MAX_NAT_MAPPINGS = 16;
    /** Protocols a peer may list (Register, latency measurements). */
    public static final int MAX_PROTOCOLS = 100;
    /** Multicodec codes in a protocol filter. */
    public static final int MAX_FILTER_PROTOCOLS = 8;
    /** Host ids in one GetAddrInfo. */
    public static final int MAX_HOST_IDS = 64;
    /** Characters of a protocol id. */
    public static final int MAX_PROTOCOL_CHARS = 200;
    /** Characters of an agent version. */
    public static final int MAX_AGENT_VERSION_CHARS = 1000;
    /** Characters of an error message. */
    public static final int MAX_ERROR_CHARS = 2000;
    /** Characters of a NAT mapping's protocol, address and network. */
    public static final int MAX_NAT_FIELD_CHARS = 100;
    /** Characters of the router login page a client may send. */
    public static final int MAX_ROUTER_HTML_CHARS = 100_000;
    /** No measurement happened before this. */
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** How far past the server's clock a client's time may be. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(1);

    private final MeasurementStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final RateLimiter limiter;
    private final MeasureMetrics metrics;

    public PunchrService(MeasurementStore store, Clock clock, RandomGenerator random, MeasureMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.limiter = new RateLimiter(clock);
        this.metrics = metrics;
    }

    @Override
    public void register(PunchrProtos.RegisterRequest req, StreamObserver<PunchrProtos.RegisterResponse> reply) {
        answer(reply, () -> {
            wellFormed(req);
            long auth = authorize(req.getApiKey());
            PeerId client = peerId(req.getClientId(), "client_id");
            text(req.getAgentVersion(), MAX_AGENT_VERSION_CHARS, "agent_version");
            protocols(req.getProtocolsList(), "protocols");
            long id = timed("register", () -> store.registerClient(auth, client, req.getAgentVersion(), req.getProtocolsList()));
            return PunchrProtos.RegisterResponse.newBuilder().setDbPeerId(id).build();
        });
    }

    @Override
    public void getAddrInfo(PunchrProtos.GetAddrInfoRequest req, StreamObserver<PunchrProtos.GetAddrInfoResponse> reply) {
        answer(reply, () -> {
            wellFormed(req);
            authorize(req.getApiKey());
            count(req.getAllHostIdsCount(), MAX_HOST_IDS, "all_host_ids");
            List<PeerId> hosts = new ArrayList<>();
            hosts.add(peerId(req.getHostId(), "host_id"));
            for (ByteString h : req.getAllHostIdsList()) {
                hosts.add(peerId(h, "all_host_ids"));
            }
            ProtocolFilter filter = ProtocolFilter.random(random);
            Optional<MeasurementStore.Candidate> candidate = timed("candidate", () -> store.candidate(hosts, clock.instant(), filter));
            MeasurementStore.Candidate c = candidate.orElseThrow(() ->
                    Status.NOT_FOUND.withDescription("no peer to hole punch right now; ask again later").asRuntimeException());
            PunchrProtos.GetAddrInfoResponse.Builder out = PunchrProtos.GetAddrInfoResponse.newBuilder()
                    .setRemoteId(ByteString.copyFrom(c.peer().toBytes()))
                    .addAllProtocols(filter.codes());
            c.addrs().forEach(a -> out.addMultiAddresses(ByteString.copyFrom(a.toBytes())));
            return out.build();
        });
    }

    @Override
    public void trackHolePunch(PunchrProtos.TrackHolePunchRequest req, StreamObserver<PunchrProtos.TrackHolePunchResponse> reply) {
        answer(reply, () -> {
            wellFormed(req);
            long auth = authorize(req.getApiKey());
            Instant now = clock.instant();
            validate(req, now);
            timed("track_hole_punch", () -> store.trackHolePunch(auth, req, now));
            metrics.outcome(JdbcMeasurementStore.outcomeName(req.getOutcome()));
            return PunchrProtos.TrackHolePunchResponse.getDefaultInstance();
        });
    }

    /** Checks a TrackHolePunch request against every limit; throws INVALID_ARGUMENT naming the first it breaks. */
    static void validate(PunchrProtos.TrackHolePunchRequest req, Instant now) {
        peerId(req.getClientId(), "client_id");
        peerId(req.getRemoteId(), "remote_id");
        addresses(req.getRemoteMultiAddressesList(), "remote_multi_addresses");
        addresses(req.getOpenMultiAddressesList(), "open_multi_addresses");
        addresses(req.getListenMultiAddressesList(), "listen_multi_addresses");
        Instant connectStarted = time(req.getConnectStartedAt(), now, "connect_started_at");
        Instant connectEnded = time(req.getConnectEndedAt(), now, "connect_ended_at");
        Instant ended = time(req.getEndedAt(), now, "ended_at");
        notBefore(connectEnded, connectStarted, "connect_ended_at", "connect_started_at");
        notBefore(ended, connectStarted, "ended_at", "connect_started_at");
        text(req.getError(), MAX_ERROR_CHARS, "error");
        count(req.getProtocolsCount(), MAX_FILTER_PROTOCOLS, "protocols");
        count(req.getHolePunchAttemptsCount(), MAX_ATTEMPTS, "hole_punch_attempts");
        for (PunchrProtos.HolePunchAttempt a : req.getHolePunchAttemptsList()) {
            Instant opened = time(a.getOpenedAt(), now, "hole_punch_attempts.opened_at");
            Instant attemptEnded = time(a.getEndedAt(), now, "hole_punch_attempts.ended_at");
            notBefore(attemptEnded, opened, "hole_punch_attempts.ended_at", "hole_punch_attempts.opened_at");
            if (a.hasStartedAt()) {
                Instant started = time(a.getStartedAt(), now, "hole_punch_attempts.started_at");
                notBefore(started, opened, "hole_punch_attempts.started_at", "hole_punch_attempts.opened_at");
                notBefore(attemptEnded, started, "hole_punch_attempts.ended_at", "hole_punch_attempts.started_at");
            }
            if (a.hasStartRtt()) {
                seconds(a.getStartRtt(), "hole_punch_attempts.start_rtt");
            }
            seconds(a.getElapsedTime(), "hole_punch_attempts.elapsed_time");
            text(a.getError(), MAX_ERROR_CHARS, "hole_punch_attempts.error");
            text(a.getDirectDialError(), MAX_ERROR_CHARS, "hole_punch_attempts.direct_dial_error");
            addresses(a.getMultiAddressesList(), "hole_punch_attempts.multi_addresses");
        }
        count(req.getLatencyMeasurementsCount(), MAX_LATENCY_MEASUREMENTS, "latency_measurements");
        for (PunchrProtos.LatencyMeasurement m : req.getLatencyMeasurementsList()) {
            peerId(m.getRemoteId(), "latency_measurements.remote_id");
            text(m.getAgentVersion(), MAX_AGENT_VERSION_CHARS, "latency_measurements.agent_version");
            protocols(m.getProtocolsList(), "latency_measurements.protocols");
            address(m.getMultiAddress(), "latency_measurements.multi_address");
            count(m.getRttsCount(), MAX_RTTS, "latency_measurements.rtts");
            count(m.getRttErrsCount(), MAX_RTTS, "latency_measurements.rtt_errs");
            for (float rtt : m.getRttsList()) {
                seconds(rtt, "latency_measurements.rtts");
            }
            for (String e : m.getRttErrsList()) {
                text(e, MAX_ERROR_CHARS, "latency_measurements.rtt_errs");
            }
        }
        count(req.getNatMappingsCount(), MAX_NAT_MAPPINGS, "nat_mappings");
        for (PunchrProtos.NATMapping n : req.getNatMappingsList()) {
            port(n.getInternalPort(), "nat_mappings.internal_port");
            port(n.getExternalPort(), "nat_mappings.external_port");
            text(n.getProtocol(), MAX_NAT_FIELD_CHARS, "nat_mappings.protocol");
            text(n.getAddr(), MAX_NAT_FIELD_CHARS, "nat_mappings.addr");
            text(n.getAddrNetwork(), MAX_NAT_FIELD_CHARS, "nat_mappings.addr_network");
        }
        if (req.hasNetworkInformation()) {
            PunchrProtos.NetworkInformation ni = req.getNetworkInformation();
            text(ni.getRouterLoginHtml(), MAX_ROUTER_HTML_CHARS, "network_information.router_login_html");
            text(ni.getRouterLoginHtmlError(), MAX_ERROR_CHARS, "network_information.router_login_html_error");
            text(ni.getSupportsIpv6Error(), MAX_ERROR_CHARS, "network_information.supports_ipv6_error");
        }
    }

    // ---- checks

    private static void wellFormed(com.google.protobuf.Message req) {
        if (req.getUnknownFields().hasField(PunchrServer.MALFORMED_MARK)) {
            throw invalid("the request is not a well-formed " + req.getDescriptorForType().getName() + " message");
        }
    }

    private long authorize(String apiKey) {
        if (apiKey.isEmpty()) {
            throw Status.UNAUTHENTICATED.withDescription("no api_key in the request").asRuntimeException();
        }
        OptionalLong auth = timed("authorize", () -> store.authorize(apiKey));
        if (auth.isEmpty()) {
            throw Status.UNAUTHENTICATED.withDescription("unknown api_key").asRuntimeException();
        }
        if (!limiter.tryAcquire(auth.getAsLong())) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("too many calls with this api_key: at most " + RateLimiter.BURST
                    + " at once and " + (int) RateLimiter.PER_SECOND + " a second").asRuntimeException();
        }
        return auth.getAsLong();
    }

    private static StatusRuntimeException invalid(String sentence) {
        return Status.INVALID_ARGUMENT.withDescription(sentence).asRuntimeException();
    }

    private static PeerId peerId(ByteString bytes, String field) {
        if (bytes.size() > 2 + PeerId.MAX_INLINE_KEY_BYTES + 32) {
            throw invalid(field + " is not a peer id: " + bytes.size() + " bytes");
        }
        try {
            return PeerId.fromBytes(bytes.toByteArray());
        } catch (InvalidKeyException e) {
            throw invalid(field + " is not a peer id: " + e.getMessage());
        }
    }

    private static void addresses(List<ByteString> addrs, String field) {
        count(addrs.size(), MAX_ADDRESSES, field);
        for (ByteString a : addrs) {
            address(a, field);
        }
    }

    private static Multiaddr address(ByteString bytes, String field) {
        if (bytes.size() > Multiaddr.MAX_BYTES) {
            throw invalid(field + " holds a multiaddress of " + bytes.size() + " bytes, over the " + Multiaddr.MAX_BYTES + " allowed");
        }
        try {
            return Multiaddr.fromBytes(bytes.toByteArray());
        } catch (MultiaddrException e) {
            throw invalid(field + " holds a multiaddress that cannot be read: " + e.getMessage());
        }
    }

    private static void protocols(List<String> protocols, String field) {
        count(protocols.size(), MAX_PROTOCOLS, field);
        for (String p : protocols) {
            text(p, MAX_PROTOCOL_CHARS, field);
        }
    }

    private static void count(int n, int max, String field) {
        if (n > max) {
            throw invalid(field + " has " + n + " entries, over the " + max + " allowed");
        }
    }

    private static void text(String s, int max, String field) {
        if (s.length() > max) {
            throw invalid(field + " has " + s.length() + " characters, over the " + max + " allowed");
        }
    }

    private static void port(int port, String field) {
        if (port < 0 || port > 65535) {
            throw invalid(field + " " + port + " is not a port");
        }
    }

    private static void seconds(float s, String field) {
        if (!Float.isFinite(s) || s < 0) {
            throw invalid(field + " must be a non-negative number of seconds, not " + s);
        }
    }

    private static Instant time(long unixNanos, Instant now, String field) {
        // uint64 on the wire: a value past 2^63 arrives negative, and is absurd as well
        Instant t = unixNanos < 0 ? Instant.MAX : JdbcMeasurementStore.fromNanos(unixNanos);
        if (t.isBefore(EARLIEST)) {
            throw invalid(field + " is before " + EARLIEST + " (Unix nanoseconds expected)");
        }
        if (t.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            throw invalid(field + " is more than " + MAX_CLOCK_AHEAD.toSeconds() + " s in the future (Unix nanoseconds expected)");
        }
        return t;
    }

    private static void notBefore(Instant later, Instant earlier, String laterField, String earlierField) {
        if (later.isBefore(earlier)) {
            throw invalid(laterField + " is before " + earlierField);
        }
    }

    // ---- plumbing

    private <T> T timed(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            metrics.storeCall(operation, System.nanoTime() - start);
        }
    }

    private static <T> void answer(StreamObserver<T> reply, Supplier<T> work) {
        T out;
        try {
            out = work.get();
        } catch (StatusRuntimeException e) {
            reply.onError(e);
            return;
        } catch (StoreException e) {
            log.warn("measurement store failed: {}", e.getMessage());
            reply.onError(Status.UNAVAILABLE.withDescription("the measurement store is not available").asRuntimeException());
            return;
        } catch (RuntimeException e) {
            log.warn("measurement call failed", e);
            reply.onError(Status.INTERNAL.withDescription("the server failed on this request").asRuntimeException());
            return;
        }
        reply.onNext(out);
        reply.onCompleted();
    }
}
