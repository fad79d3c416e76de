package io.wirepunch.core.nat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What peers report seeing us as, per local endpoint: each observer group's latest report, kept
 * for the configured TTL. An external address is confirmed once enough distinct groups report it
 * for the same local endpoint; it lapses when their reports expire. Memory is bounded: at most
 * {@link #MAX_LOCAL_ENDPOINTS} endpoints with {@link #MAX_OBSERVERS_PER_ENDPOINT} groups each.
 * Thread-safe.
 */
public final class ObservedAddressManager {
    /**
     * Local endpoints tracked. Listen ports gather many observers; each outbound connection from an
     * ephemeral port adds an endpoint with one, and those are the ones dropped first.
     */
    public static final int MAX_LOCAL_ENDPOINTS = 64;
    /** Observer groups kept per endpoint; far more than any confirmation needs. */
    public static final int MAX_OBSERVERS_PER_ENDPOINT = 32;

    private final Clock clock;
    private final ObservedAddressConfig config;
    private final Map<InetSocketAddress, Map<String, Report>> endpoints = new LinkedHashMap<>();

    private record Report(InetSocketAddress external, Instant at) {}

    public ObservedAddressManager(Clock clock, ObservedAddressConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public ObservedAddressConfig config() {
        return config;
    }

    /**
     * Records a report, replacing the group's earlier report for the same local endpoint. Reports
     * that cannot describe a mapping (another IP family, port 0, a wildcard address) are ignored.
     */
    public synchronized void record(Observation o) {
        if (!usable(o)) {
            return;
        }
        Instant now = clock.instant();
        prune(now);
        Map<String, Report> reports = endpoints.get(o.local());
        if (reports == null) {
            if (endpoints.size() >= MAX_LOCAL_ENDPOINTS) {
                evictWeakestEndpoint();
            }
            reports = new HashMap<>();
            endpoints.put(o.local(), reports);
        }
        String group = config.observerGroup(o);
        if (!reports.containsKey(group) && reports.size() >= MAX_OBSERVERS_PER_ENDPOINT) {
            reports.entrySet().stream().min(Comparator.comparing(e -> e.getValue().at()))
                    .map(Map.Entry::getKey).ifPresent(reports::remove);
        }
        reports.put(group, new Report(o.external(), now));
    }

    private static boolean usable(Observation o) {
        InetSocketAddress ext = o.external();
        InetSocketAddress local = o.local();
        return !ext.isUnresolved() && !local.isUnresolved() && ext.getPort() != 0
                && ext.getAddress().getAddress().length == local.getAddress().getAddress().length
                && !ext.getAddress().isAnyLocalAddress();
    }

    /** Drops the endpoint with the fewest observers, the least recently reported among equals. */
    private void evictWeakestEndpoint() {
        endpoints.entrySet().stream()
                .min(Comparator.<Map.Entry<InetSocketAddress, Map<String, Report>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(e -> newest(e.getValue())))
                .map(Map.Entry::getKey).ifPresent(endpoints::remove);
    }

    private static Instant newest(Map<String, Report> reports) {
        return reports.values().stream().map(Report::at).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(config.ttl());
        endpoints.values().forEach(reports -> reports.values().removeIf(r -> r.at().isBefore(oldest)));
        endpoints.values().removeIf(Map::isEmpty);
    }

    /** Every external address reported and not expired, the most observed first. */
    public synchronized List<ObservedAddress> observed() {
        prune(clock.instant());
        List<ObservedAddress> out = new ArrayList<>();
        endpoints.forEach((local, reports) -> {
            Map<InetSocketAddress, List<Report>> byExternal = new LinkedHashMap<>();
            reports.values().forEach(r -> byExternal.computeIfAbsent(r.external(), k -> new ArrayList<>()).add(r));
            byExternal.forEach((external, rs) -> out.add(new ObservedAddress(local, external, rs.size(),
                    rs.stream().map(Report::at).max(Comparator.naturalOrder()).orElseThrow(),
                    rs.size() >= config.confirmations())));
        });
        out.sort(Comparator.comparingInt(ObservedAddress::observers).reversed()
                .thenComparing(ObservedAddress::lastSeen, Comparator.reverseOrder()));
        return List.copyOf(out);
    }

    /** The observed addresses that enough observer groups agree on. */
    public List<ObservedAddress> confirmed() {
        return observed().stream().filter(ObservedAddress::confirmed).toList();
    }

    /** The mapping behaviour the current reports show, with the evidence. */
    public synchronized NatMapping mapping() {
        prune(clock.instant());
        List<NatMapping.Evidence> evidence = new ArrayList<>();
        endpoints.forEach((local, reports) -> {
            Map<InetSocketAddress, Integer> externals = new HashMap<>();
            reports.values().forEach(r -> externals.merge(r.external(), 1, Integer::sum));
            evidence.add(new NatMapping.Evidence(local, externals));
        });
        return NatMapping.from(evidence);
    }
}
