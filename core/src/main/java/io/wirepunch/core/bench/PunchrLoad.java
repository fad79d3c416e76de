package io.wirepunch.core.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for {@code TrackHolePunch}: keeps {@code concurrency} calls in flight for a
 * while, each a realistic result (relay and direct addresses, three attempts, latency measurements
 * of the three kinds, a NAT mapping), and counts what the server answered and how fast.
 */
public final class PunchrLoad {
    /** Deadline of one call. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    /** Distinct remote peers the requests name, over all keys. */
    static final int REMOTES = 64;

    /** What one run did: calls answered OK and failed, over how long, and the latency of the OK ones. */
    public record Result(long ok, long failed, Duration elapsed, double perSecond, double p50Ms, double p99Ms) {}

    private PunchrLoad() {}

    /** Runs calls on {@code channel} for {@code duration}, {@code concurrency} at a time. */
    public static Result run(ManagedChannel channel, String apiKey, PeerId client, int concurrency, Duration duration)
            throws InterruptedException {
        return run(channel, List.of(apiKey), client, concurrency, duration);
    }

    /**
     * As {@link #run(ManagedChannel, String, PeerId, int, Duration)}, the calls spread over {@code apiKeys}
     * in turn, as many clients would send them (a server limits each key's rate).
     */
    public static Result run(ManagedChannel channel, List<String> apiKeys, PeerId client, int concurrency, Duration duration)
            throws InterruptedException {
        if (concurrency < 1 || apiKeys.isEmpty()) {
            throw new IllegalArgumentException("concurrency and keys must be at least 1");
        }
        List<PunchrProtos.TrackHolePunchRequest> requests = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        for (String key : apiKeys) {
            requests.addAll(samples(key, client, random, Math.max(1, REMOTES / apiKeys.size())));
        }
        PunchrServiceGrpc.PunchrServiceStub stub = PunchrServiceGrpc.newStub(channel);
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int i = 0;
        while (System.nanoTime() < end) {
            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long sent = System.nanoTime();
            stub.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).trackHolePunch(
                    fresh(requests.get(i++ % requests.size())), new StreamObserver<>() {
                        @Override
                        public void onNext(PunchrProtos.TrackHolePunchResponse value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            failed.incrementAndGet();
                            slots.release();
                        }

                        @Override
                        public void onCompleted() {
                            ok.incrementAndGet();
                            latencies.add(System.nanoTime() - sent);
                            slots.release();
                        }
                    });
        }
        slots.acquire(concurrency);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double seconds = elapsed.toNanos() / 1e9;
        return new Result(ok.get(), failed.get(), elapsed, ok.get() / seconds, latencies.percentileMs(0.5),
                latencies.percentileMs(0.99));
    }

    /** The same result with timestamps of now, as a client sends it right after the punch. */
    private static PunchrProtos.TrackHolePunchRequest fresh(PunchrProtos.TrackHolePunchRequest template) {
        long now = System.currentTimeMillis() * 1_000_000L;
        long shift = now - template.getEndedAt();
        PunchrProtos.TrackHolePunchRequest.Builder b = template.toBuilder()
                .setConnectStartedAt(template.getConnectStartedAt() + shift)
                .setConnectEndedAt(template.getConnectEndedAt() + shift)
                .setEndedAt(now);
        for (int a = 0; a < b.getHolePunchAttemptsCount(); a++) {
            PunchrProtos.HolePunchAttempt at = b.getHolePunchAttempts(a);
            b.setHolePunchAttempts(a, at.toBuilder().setOpenedAt(at.getOpenedAt() + shift)
                    .setStartedAt(at.getStartedAt() + shift).setEndedAt(at.getEndedAt() + shift));
        }
        return b.build();
    }

    /** Requests about {@code remotes} remotes, outcomes mixed as a campaign sees them. */
    static List<PunchrProtos.TrackHolePunchRequest> samples(String apiKey, PeerId client, SplittableRandom random, int remotes) {
        PeerId relay = Keys.generateEd25519().publicKey().peerId();
        Multiaddr relayAddr = Multiaddr.parse("/ip4/100.128.0.10/tcp/4001").withPeerId(relay);
        List<PunchrProtos.TrackHolePunchRequest> out = new ArrayList<>();
        for (int r = 0; r < remotes; r++) {
            PeerId remote = Keys.generateEd25519().publicKey().peerId();
            Multiaddr circuit = Multiaddr.parse(relayAddr + "/p2p-circuit");
            Multiaddr direct = Multiaddr.parse("/ip4/100.128.0." + (20 + r % 200) + "/tcp/" + (4000 + r));
            boolean success = random.nextInt(10) < 7;
            long t0 = 1_000_000_000L;
            PunchrProtos.TrackHolePunchRequest.Builder b = PunchrProtos.TrackHolePunchRequest.newBuilder()
                    .setApiKey(apiKey)
                    .setClientId(ByteString.copyFrom(client.toBytes()))
                    .setRemoteId(ByteString.copyFrom(remote.toBytes()))
                    .addRemoteMultiAddresses(ByteString.copyFrom(circuit.toBytes()))
                    .setConnectStartedAt(t0)
                    .setConnectEndedAt(t0 + 40_000_000L)
                    .setHasDirectConns(success)
                    .setOutcome(success ? PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_SUCCESS
                            : PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_FAILED)
                    .setEndedAt(t0 + 400_000_000L)
                    .addListenMultiAddresses(ByteString.copyFrom(Multiaddr.parse("/ip4/10.0.1.10/tcp/4001").toBytes()))
                    .addAllProtocols(Arrays.asList(4, 6))
                    .addNatMappings(PunchrProtos.NATMapping.newBuilder().setInternalPort(4001).setExternalPort(4001)
                            .setProtocol("TCP").setAddr("100.128.0.2").setAddrNetwork("ip4"));
            if (success) {
                b.addOpenMultiAddresses(ByteString.copyFrom(direct.toBytes()));
            } else {
                b.addOpenMultiAddresses(ByteString.copyFrom(circuit.toBytes())).setError("no direct connection");
            }
            int attempts = success ? 1 : 3;
            for (int a = 0; a < attempts; a++) {
                long at = t0 + 50_000_000L + a * 100_000_000L;
                boolean last = a == attempts - 1;
                b.addHolePunchAttempts(PunchrProtos.HolePunchAttempt.newBuilder().setOpenedAt(at).setStartedAt(at + 20_000_000L)
                        .setEndedAt(at + 90_000_000L).setStartRtt(0.02f).setElapsedTime(0.07f)
                        .setOutcome(success && last ? PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_SUCCESS
                                : PunchrProtos.HolePunchAttemptOutcome.HOLE_PUNCH_ATTEMPT_OUTCOME_FAILED)
                        .addMultiAddresses(ByteString.copyFrom(direct.toBytes())));
            }
            for (PunchrProtos.LatencyMeasurementType type : PunchrProtos.LatencyMeasurementType.values()) {
                if (type == PunchrProtos.LatencyMeasurementType.TO_REMOTE_AFTER_HOLE_PUNCH && !success) {
                    continue;
                }
                PeerId measured = type == PunchrProtos.LatencyMeasurementType.TO_RELAY ? relay : remote;
                Multiaddr over = switch (type) {
                    case TO_RELAY -> relayAddr;
                    case TO_REMOTE_THROUGH_RELAY -> circuit;
                    case TO_REMOTE_AFTER_HOLE_PUNCH -> direct;
                };
                b.addLatencyMeasurements(PunchrProtos.LatencyMeasurement.newBuilder()
                        .setRemoteId(ByteString.copyFrom(measured.toBytes())).setAgentVersion("wirepunch/0.1.0")
                        .addProtocols("/libp2p/dcutr").setMultiAddress(ByteString.copyFrom(over.toBytes()))
                        .addRtts(0.021f).addRtts(0.019f).addRtts(0.020f).setMtype(type));
            }
            out.add(b.build());
        }
        return out;
    }

    /** Most call latencies kept for the percentiles; calls past it are counted but not timed. */
    static final int MAX_LATENCY_SAMPLES = 1 << 20;

    /** Call latencies, the first {@link #MAX_LATENCY_SAMPLES}. */
    private static final class Latencies {
        private long[] nanos = new long[1024];
        private int size;

        synchronized void add(long n) {
            if (size == MAX_LATENCY_SAMPLES) {
                return;
            }
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = n;
        }

        synchronized double percentileMs(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(size - 1, Math.floor(p * size))] / 1e6;
        }
    }
}
