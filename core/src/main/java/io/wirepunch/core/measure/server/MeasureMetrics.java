package io.wirepunch.core.measure.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurement server's Prometheus metrics, in the text exposition format: requests by method and
 * status code, TrackHolePunch outcomes, and the store's latency per operation (a summary: count and
 * sum of seconds). Label values come from fixed sets (gRPC methods, status codes, outcomes,
 * operations), so the series stay few.
 */
public final class MeasureMetrics {
    private final ConcurrentMap<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> storeCount = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> storeNanos = new ConcurrentHashMap<>();

    public void request(String method, Status.Code code) {
        requests.computeIfAbsent(List.of(method, code.name()), k -> new LongAdder()).increment();
    }

    public void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    public void storeCall(String operation, long nanos) {
        storeCount.computeIfAbsent(operation, k -> new LongAdder()).increment();
        storeNanos.computeIfAbsent(operation, k -> new LongAdder()).add(nanos);
    }

    /** Counts every call's final status under its method name. */
    public ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String method = call.getMethodDescriptor().getBareMethodName();
                return next.startCall(new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        MeasureMetrics.this.request(method, status.getCode());
                        super.close(status, trailers);
                    }
                }, headers);
            }
        };
    }

    /** The metrics in Prometheus' text format (version 0.0.4). */
    public String exposition() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP punchr_requests_total gRPC calls by method and status code.\n");
        out.append("# TYPE punchr_requests_total counter\n");
        Map<String, Long> lines = new TreeMap<>();
        requests.forEach((k, v) -> lines.put("punchr_requests_total{method=\"" + k.get(0) + "\",code=\"" + k.get(1) + "\"}", v.sum()));
        lines.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        out.append("# HELP punchr_hole_punch_outcomes_total Hole punches tracked, by outcome.\n");
        out.append("# TYPE punchr_hole_punch_outcomes_total counter\n");
        new TreeMap<>(outcomes).forEach((k, v) ->
                out.append("punchr_hole_punch_outcomes_total{outcome=\"").append(k).append("\"} ").append(v.sum()).append('\n'));
        out.append("# HELP punchr_store_seconds Time the measurement store took, by operation.\n");
        out.append("# TYPE punchr_store_seconds summary\n");
        new TreeMap<>(storeCount).forEach((k, v) -> {
            out.append("punchr_store_seconds_count{operation=\"").append(k).append("\"} ").append(v.sum()).append('\n');
            double seconds = storeNanos.getOrDefault(k, new LongAdder()).sum() / 1e9;
            out.append("punchr_store_seconds_sum{operation=\"").append(k).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", seconds)).append('\n');
        });
        return out.toString();
    }
}
