package io.wirepunch.core.bench;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.relay.usage.CircuitConfig;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import io.wirepunch.core.protocol.relay.usage.ReservationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A relay on loopback, in one run: one perf stream A→B direct and through relay R (Noise and
 * Yamux end to end either way, the circuit's data limit lifted), then how many reservations and
 * circuits a relay node holds at once with its default limits, with the relay's heap and the time
 * each took. The capacity relay runs in a JVM of its own so that its heap is its own.
 */
public final class RelayBenchmark {
    /** Bytes each way for the direct and the relayed stream. */
    public static final long DEFAULT_BYTES = 128L << 20;
    /** Reservations attempted: the relay node's default maximum. */
    public static final int DEFAULT_RESERVATIONS = ReservationConfig.DEFAULT_MAX;
    /** Circuits attempted: the relay node's default maximum. */
    public static final int DEFAULT_CIRCUITS = CircuitConfig.DEFAULT_MAX;
    /** The warm-up stream's share of {@code bytes} (JIT, pools, windows), on each path before it is measured. */
    private static final int WARM_UP_FRACTION = 8;
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final long STEP_SECONDS = 15;
    private static final long POLL_MILLIS = 20;
    private static final double KIB_PER_MIB = 1024;
    /**
     * The throughput relay: circuits without a duration or data limit (0 = unlimited), and usage
     * limits far above what a run moves, so that neither cuts the stream.
     */
    private static final String UNLIMITED_CIRCUITS = """
            {"network_usage": {"global_limit": "1TB", "peer_limit": "1TB"},
             "circuits": {"max_duration": 0, "max_bytes": 0}}""";
    /**
     * Every client dials from 127.0.0.1, so the default of 8 reservations per IP would be the only
     * limit measured; the capacity relay allows the whole default maximum from one IP instead.
     * Everything else is the relay node's default.
     */
    static final int CAPACITY_MAX_PER_IP = ReservationConfig.DEFAULT_MAX;
    private static final String CAPACITY_CONFIG =
            "{\"reservations\": {\"max_per_ip\": " + CAPACITY_MAX_PER_IP + "}}";

    private final long bytes;
    private final int reservations;
    private final int circuits;

    /**
     * @param bytes        bytes each way for the direct and the relayed stream
     * @param reservations distinct clients that try to reserve at once on the capacity relay
     * @param circuits     circuits to try to hold open at once through it
     */
    public RelayBenchmark(long bytes, int reservations, int circuits) {
        if (bytes < 1 || reservations < 0 || circuits < 0) {
            throw new IllegalArgumentException("bytes must be positive, counts not negative");
        }
        this.bytes = bytes;
        this.reservations = reservations;
        this.circuits = circuits;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("bytes", bytes);
        throughput(out);
        capacity(out);
        return out;
    }

    // ---- throughput ----

    private void throughput(Map<String, Object> out) throws Exception {
        Path data = Files.createTempDirectory("wirepunch-relay-bench");
        List<Node> nodes = new ArrayList<>();
        try {
            Node r = start(nodes, List.of(LOOPBACK), NodeOptions.defaults().withRelayService(
                    new RelayServiceSettings(RelayConfigFile.parse(UNLIMITED_CIRCUITS), data)));
            Multiaddr relay = addr(r);
            Node a = start(nodes, List.of(LOOPBACK), NodeOptions.defaults().withPerf(true).withRelays(List.of(relay)));
            awaitReserved(a, r);
            Node direct = start(nodes, List.of(), NodeOptions.defaults());
            Node relayed = start(nodes, List.of(), NodeOptions.defaults());
            Connection d = get(direct.host().connect(addr(a)));
            Connection c = get(relayed.host().connect(circuitTo(relay, a)));
            if (d.isRelayed() || !c.isRelayed()) {
                throw new IllegalStateException("expected one direct and one relayed connection");
            }
            NodeThroughput.rates(direct, d, 1, bytes / WARM_UP_FRACTION);
            NodeThroughput.Rates directRates = NodeThroughput.rates(direct, d, 1, bytes);
            NodeThroughput.rates(relayed, c, 1, bytes / WARM_UP_FRACTION);
            NodeThroughput.Rates relayedRates = NodeThroughput.rates(relayed, c, 1, bytes);
            out.put("direct_upload_MBps", JsonLine.round(directRates.uploadMBps()));
            out.put("direct_download_MBps", JsonLine.round(directRates.downloadMBps()));
            out.put("relayed_upload_MBps", JsonLine.round(relayedRates.uploadMBps()));
            out.put("relayed_download_MBps", JsonLine.round(relayedRates.downloadMBps()));
            Map<String, Object> ratios = new LinkedHashMap<>();
            ratios.put("relayed_to_direct", JsonLine.round(relayedRates.mean() / directRates.mean()));
            ratios.put("relayed_to_direct_upload", JsonLine.round(relayedRates.uploadMBps() / directRates.uploadMBps()));
            ratios.put("relayed_to_direct_download", JsonLine.round(relayedRates.downloadMBps() / directRates.downloadMBps()));
            out.put("ratios", ratios);
        } finally {
            stopAll(nodes);
            RelayProcess.deleteTree(data);
        }
    }

    // ---- capacity ----

    private void capacity(Map<String, Object> out) throws Exception {
        int perPeer = CircuitConfig.DEFAULT_MAX_PER_PEER;
        // Circuit k joins destination k / perPeer and source k % sources: no peer exceeds the
        // per-peer limit, and every pair is distinct (a second dial would reuse the connection).
        int destinations = ceilDiv(circuits, perPeer);
        int sources = circuits == 0 ? 0 : Math.max(Math.min(circuits, perPeer), destinations);
        int clientCount = Math.max(reservations, destinations + sources);
        List<Node> clients = new ArrayList<>();
        try (RelayProcess relay = new RelayProcess(CAPACITY_CONFIG)) {
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                Node n = new Node(HostConfig.of(Keys.generateEd25519(), List.of()), NodeOptions.defaults());
                clients.add(n);
                starting.add(n.start().toCompletableFuture());
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(STEP_SECONDS, TimeUnit.SECONDS);
            OptionalDouble idle = relay.heapUsedMiB();

            long start = System.nanoTime();
            boolean[] reserved = new boolean[clientCount];
            int held = 0;
            OptionalDouble afterFirst = OptionalDouble.empty();
            for (int i = 0; i < reservations; i++) {
                reserved[i] = tryGet(clients.get(i).relayClient().reserve(relay.addr()));
                held += reserved[i] ? 1 : 0;
                if (i == 0) {
                    // the first connection loads classes and fills pools; later ones show what each costs
                    long paused = System.nanoTime();
                    afterFirst = relay.heapUsedMiB();
                    start += System.nanoTime() - paused;
                }
            }
            double reserveMs = perEach(start, reservations);
            OptionalDouble withReservations = relay.heapUsedMiB();
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("attempted", reservations);
            res.put("held", held);
            res.put("default_max", ReservationConfig.DEFAULT_MAX);
            res.put("default_max_per_ip", ReservationConfig.DEFAULT_MAX_PER_IP);
            res.put("max_per_ip_raised_to", CAPACITY_MAX_PER_IP);
            res.put("ms_each", JsonLine.round(reserveMs));
            out.put("reservations", res);

            for (int i = 0; i < destinations; i++) {
                if (!reserved[i]) {
                    reserved[i] = tryGet(clients.get(i).relayClient().reserve(relay.addr()));
                }
            }
            List<Connection> open = new ArrayList<>();
            start = System.nanoTime();
            for (int k = 0; k < circuits; k++) {
                Node destination = clients.get(k / perPeer);
                Node source = clients.get(destinations + k % sources);
                try {
                    open.add(get(source.host().connect(circuitTo(relay.addr(), destination))));
                } catch (Exception refused) {
                    // counted by what is held below
                }
            }
            double circuitMs = perEach(start, circuits);
            long heldCircuits = open.stream().filter(c -> c.isOpen() && c.isRelayed()).count();
            OptionalDouble withCircuits = relay.heapUsedMiB();
            Map<String, Object> circ = new LinkedHashMap<>();
            circ.put("attempted", circuits);
            circ.put("held", heldCircuits);
            circ.put("default_max", CircuitConfig.DEFAULT_MAX);
            circ.put("default_max_per_peer", perPeer);
            circ.put("destinations", destinations);
            circ.put("sources", sources);
            circ.put("ms_each", JsonLine.round(circuitMs));
            out.put("circuits", circ);

            Map<String, Object> heap = new LinkedHashMap<>();
            idle.ifPresent(v -> heap.put("idle", JsonLine.round(v)));
            afterFirst.ifPresent(v -> heap.put("with_one_reservation", JsonLine.round(v)));
            withReservations.ifPresent(v -> heap.put("with_reservations", JsonLine.round(v)));
            withCircuits.ifPresent(v -> heap.put("with_reservations_and_circuits", JsonLine.round(v)));
            if (afterFirst.isPresent() && withReservations.isPresent() && held > 1) {
                heap.put("KiB_per_further_reservation", JsonLine.round(
                        (withReservations.getAsDouble() - afterFirst.getAsDouble()) * KIB_PER_MIB / (held - 1)));
            }
            if (withReservations.isPresent() && withCircuits.isPresent() && heldCircuits > 0) {
                heap.put("KiB_per_circuit",
                        JsonLine.round((withCircuits.getAsDouble() - withReservations.getAsDouble()) * KIB_PER_MIB / heldCircuits));
            }
            out.put("relay_heap_MiB", heap);
        } finally {
            stopAll(clients);
        }
    }

    // ---- helpers ----

    private static Node start(List<Node> nodes, List<Multiaddr> listen, NodeOptions options) throws Exception {
        Node n = new Node(HostConfig.of(Keys.generateEd25519(), listen), options);
        nodes.add(n);
        get(n.start());
        return n;
    }

    private static void awaitReserved(Node client, Node relay) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (client.relayClient().reservation(relay.host().peerId()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no reservation on the relay within " + STEP_SECONDS + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    private static Multiaddr circuitTo(Multiaddr relay, Node target) {
        return relay.encapsulate("/p2p-circuit").withPeerId(target.host().peerId());
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(STEP_SECONDS, TimeUnit.SECONDS);
    }

    private static boolean tryGet(CompletionStage<?> stage) {
        try {
            get(stage);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    private static void stopAll(List<Node> nodes) throws Exception {
        CompletableFuture.allOf(nodes.stream().map(n -> n.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new)).get(STEP_SECONDS, TimeUnit.SECONDS);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double perEach(long startNanos, int count) {
        return count == 0 ? 0 : (System.nanoTime() - startNanos) / 1e6 / count;
    }
}
