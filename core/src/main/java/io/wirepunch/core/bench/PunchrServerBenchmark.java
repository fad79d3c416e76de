package io.wirepunch.core.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.measure.server.MeasureMetrics;
import io.wirepunch.core.measure.server.PunchrServer;
import io.wirepunch.core.measure.server.RateLimiter;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.MeasurementStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many {@code TrackHolePunch} calls a second the measurement server stores: the server in this
 * JVM on loopback over a fresh store (embedded in a temporary directory, or the PostgreSQL database
 * given), {@link PunchrLoad} keeping calls in flight with enough API keys that no key's rate limit
 * is reached, after a warm-up of a fifth of the time.
 */
public final class PunchrServerBenchmark {
    /** Most keys a run creates. */
    public static final int MAX_KEYS = 10_000;
    /** Calls a second the keys are made for, with room to spare four times over: far above what 2 cores store. */
    static final int PLANNED_CALLS_PER_SECOND = 5000;

    private final Optional<String> postgresUrl;
    private final int concurrency;
    private final Duration duration;

    public PunchrServerBenchmark(Optional<String> postgresUrl, int concurrency, Duration duration) {
        this.postgresUrl = postgresUrl;
        this.concurrency = concurrency;
        this.duration = duration;
    }

    public Map<String, Object> run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wirepunch-bench-punchr");
        // Each key may make RateLimiter.PER_SECOND calls a second: keys for four times the planned rate.
        int keys = (int) Math.min(MAX_KEYS, Math.max(concurrency, 4 * PLANNED_CALLS_PER_SECOND / RateLimiter.PER_SECOND));
        try (MeasurementStore store = postgresUrl.<MeasurementStore>map(u -> JdbcMeasurementStore.open(u, null, null))
                .orElseGet(() -> JdbcMeasurementStore.openEmbedded(dir))) {
            List<String> apiKeys = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                apiKeys.add(store.addApiKey("bench-" + i));
            }
            try (PunchrServer server = PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, null, null), store,
                    new MeasureMetrics())) {
                ManagedChannel channel = NettyChannelBuilder.forAddress(server.address()).usePlaintext().build();
                try {
                    var client = Keys.generateEd25519().publicKey().peerId();
                    PunchrLoad.run(channel, apiKeys, client, concurrency, duration.dividedBy(5));
                    PunchrLoad.Result r = PunchrLoad.run(channel, apiKeys, client, concurrency, duration);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("bench", "punchr-server");
                    out.put("store", postgresUrl.isPresent() ? "postgresql" : "embedded-h2");
                    out.put("concurrency", concurrency);
                    out.put("keys", keys);
                    out.put("seconds", JsonLine.round(r.elapsed().toNanos() / 1e9));
                    out.put("ok", r.ok());
                    out.put("failed", r.failed());
                    out.put("trackPerSecond", JsonLine.round(r.perSecond()));
                    out.put("p50Ms", JsonLine.round(r.p50Ms()));
                    out.put("p99Ms", JsonLine.round(r.p99Ms()));
                    return out;
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
