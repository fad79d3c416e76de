package io.wirepunch.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hole punching through the NAT testbed, per pairing of NAT kinds (A's router, B's router): a relay
 * in ID-relay, B behind its NAT holding a reservation on it, and N {@code punch} runs from A behind
 * the other, each a new JVM with a new key dialling from a new port. Prints one line per pairing
 * with the outcome counts, success rate, time to direct (median, p90) and the share of successes on
 * the first attempt; for eim-eim also upload A→B through the relay and over the punched connection,
 * taken one after the other in one run; then the figures punchr measured in the field, to read
 * these against.
 */
public final class PunchBenchmark {
    /**
     * Punches per pairing. Each is a JVM of its own: about 5 s when it succeeds, 10 s when it fails
     * (three attempts, the first waiting 5 s), so the four default pairings take about five minutes.
     */
    public static final int DEFAULT_PUNCHES = 8;
    public static final List<String> DEFAULT_PAIRINGS = List.of("eim-eim", "edm-edm", "eim-edm", "upnp-eim");
    /**
     * Bytes uploaded for each throughput figure (after a warm-up of an eighth of it on each path); small
     * enough that the relayed upload ends well within the 10 s the relayed connection outlives the direct one.
     */
    public static final long DEFAULT_PERF_BYTES = 32L << 20;
    /** The pairing whose punched connection carries the throughput comparison. */
    static final String THROUGHPUT_PAIRING = "eim-eim";
    /** Throughput punches at most, until one yields both figures. */
    static final int THROUGHPUT_TRIES = 3;
    /**
     * punchr's measurement campaign in the wild (thousands of clients behind real NATs, against the
     * IPFS network): the anchor this bench's laboratory figures are read against.
     */
    public static final String FIELD_ANCHOR = "field (punchr): 70% ± 7.1% success, 97.6% of successes on the first attempt";
    static final String PUBLIC_RANGE = "100.128.0.0/24";
    static final String RELAY_IP = "100.128.0.10";
    static final String A_IP = "10.0.1.10";
    static final String B_IP = "10.0.2.10";
    static final int NODE_PORT = 4001;
    /** A's first listening port; run i listens on this + i, so conntrack entries of earlier runs stay apart. */
    static final int FIRST_PUNCH_PORT = 4100;
    private static final Set<String> KINDS = Set.of("eim", "edm", "upnp");
    private static final String MAIN = "io.wirepunch.core.cli.WirepunchCli";
    private static final String SCRIPT = "src/test/testbed/testbed.sh";
    private static final long NODE_START_SECONDS = 60;
    /** How long a punch waits for B to open DCUtR; B opens it as soon as identify is done. */
    private static final int PUNCH_WAIT_SECONDS = 10;
    private static final long PUNCH_RUN_SECONDS = 90;
    private static final long PERF_RUN_SECONDS = 600;
    /**
     * The throughput relay: circuits without a duration or data limit (0 = unlimited) and usage
     * limits far above what a run moves; the relay's defaults would end the circuit long before.
     */
    static final String RELAY_CONFIG = """
            {"network_usage": {"global_limit": "1TB", "peer_limit": "1TB"},
             "circuits": {"max_duration": 0, "max_bytes": 0}}""";

    private final Path testbed;
    private final int punches;
    private final List<String> pairings;
    private final long perfBytes;
    private final Consumer<String> out;

    /**
     * @param testbed   the testbed script
     * @param punches   punches per pairing
     * @param pairings  NAT kinds of A's and B's routers, "eim-edm" and the like
     * @param perfBytes bytes uploaded for each throughput figure; 0 for none
     * @param out       where the result lines go
     */
    public PunchBenchmark(Path testbed, int punches, List<String> pairings, long perfBytes, Consumer<String> out) {
        if (punches < 1) {
            throw new IllegalArgumentException("punches must be at least 1");
        }
        if (perfBytes < 0) {
            throw new IllegalArgumentException("perf-bytes must not be negative");
        }
        pairings.forEach(PunchBenchmark::kinds);
        this.testbed = testbed;
        this.punches = punches;
        this.pairings = List.copyOf(pairings);
        this.perfBytes = perfBytes;
        this.out = out;
    }

    /** "eim-edm" as {"eim", "edm"}; IllegalArgumentException naming what is wrong. */
    static String[] kinds(String pairing) {
        String[] k = pairing.split("-", -1);
        if (k.length != 2 || !KINDS.contains(k[0]) || !KINDS.contains(k[1])) {
            throw new IllegalArgumentException("pairings are NAT_A-NAT_B with kinds eim, edm or upnp, not '" + pairing + "'");
        }
        return k;
    }

    /** A comma-separated list of pairings, each checked. */
    public static List<String> parsePairings(String csv) {
        List<String> list = new ArrayList<>();
        for (String p : csv.split(",")) {
            String pairing = p.strip().toLowerCase(Locale.ROOT);
            kinds(pairing);
            list.add(pairing);
        }
        return list;
    }

    /**
     * The testbed script: {@code WIREPUNCH_TESTBED}, else core/src/test/testbed/testbed.sh under the
     * checkout (wirepunch.home, else the working directory, which may be the checkout or core/).
     */
    public static Optional<Path> locateTestbed() {
        String env = System.getenv("WIREPUNCH_TESTBED");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        List<Path> bases = new ArrayList<>();
        String home = System.getProperty("wirepunch.home");
        if (home != null) {
            bases.add(Path.of(home));
        }
        bases.add(Path.of("").toAbsolutePath());
        for (Path base : bases) {
            for (Path candidate : List.of(base.resolve("core").resolve(SCRIPT), base.resolve(SCRIPT))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Why the bench cannot run here, as one sentence; empty when it can. */
    public static Optional<String> problem(Path testbed) {
        return PunchTestbed.problem(testbed);
    }

    public void run() throws Exception {
        for (String pairing : pairings) {
            runPairing(pairing);
        }
        out.accept(FIELD_ANCHOR);
    }

    private void runPairing(String pairing) throws Exception {
        String[] k = kinds(pairing);
        Path dir = Files.createTempDirectory("wirepunch-punch-bench");
        try (PunchTestbed bed = PunchTestbed.up(testbed, k[0], k[1])) {
            System.err.println("bench punch: " + pairing + " on testbed " + bed.id() + ", " + punches + " punches");
            Path config = Files.writeString(dir.resolve("relay.json"), RELAY_CONFIG);
            PunchTestbed.Lines relay = bed.start("relay", java(List.of("node",
                    "--listen", "/ip4/" + RELAY_IP + "/tcp/" + NODE_PORT, "--no-perf", "--relay-service",
                    "--relay-config", config.toString(), "--data-dir", dir.toString(), "--public-ranges", PUBLIC_RANGE)));
            String relayAddr = listenAddr(relay.await(l -> l.startsWith("listen /ip4/" + RELAY_IP + "/"), NODE_START_SECONDS),
                    "the relay");
            PunchTestbed.Lines b = bed.start("b", java(List.of("node",
                    "--listen", "/ip4/" + B_IP + "/tcp/" + NODE_PORT, "--relay", relayAddr, "--public-ranges", PUBLIC_RANGE)));
            String circuit = listenAddr(b.await(l -> l.startsWith("listen ") && l.contains("/p2p-circuit/"),
                    NODE_START_SECONDS), "B's reservation on the relay");

            List<PunchResult> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < punches; i++) {
                results.add(punch(bed, circuit, FIRST_PUNCH_PORT + i, 0));
            }
            System.err.printf(Locale.ROOT, "bench punch: %s: %d punches in %.0f s%n", pairing, punches,
                    (System.nanoTime() - started) / 1e9);
            out.accept(PunchStats.of(results).line(pairing));
            if (THROUGHPUT_PAIRING.equals(pairing) && perfBytes > 0) {
                // The relayed upload sometimes finds its connection closed (see docs/benchmarks.md): a few
                // tries, each a new punch, and the line says how many it took.
                PunchResult r = null;
                int tries = 0;
                while (tries < THROUGHPUT_TRIES && (r == null || r.relayMBps().isEmpty() || r.directMBps().isEmpty())) {
                    r = punch(bed, circuit, FIRST_PUNCH_PORT + punches + tries, perfBytes);
                    tries++;
                }
                out.accept(throughputLine(pairing, r) + (tries > 1 ? " (" + tries + " tries)" : ""));
            }
        } finally {
            RelayProcess.deleteTree(dir);
        }
    }

    private PunchResult punch(PunchTestbed bed, String circuit, int port, long perf) throws IOException {
        List<String> args = new ArrayList<>(List.of("punch", circuit, "--listen", "/ip4/" + A_IP + "/tcp/" + port,
                "--public-ranges", PUBLIC_RANGE, "--wait", Integer.toString(PUNCH_WAIT_SECONDS)));
        if (perf > 0) {
            args.addAll(List.of("--perf-bytes", Long.toString(perf)));
        }
        PunchTestbed.Result r = bed.run("a", java(args), perf > 0 ? PERF_RUN_SECONDS : PUNCH_RUN_SECONDS);
        return PunchResult.parse(r.stdout());
    }

    /** {@code throughput eim-eim: relay X MB/s, direct Y MB/s, direct/relay Z×}, or why there are no figures. */
    static String throughputLine(String pairing, PunchResult r) {
        String head = "throughput " + pairing + ": ";
        if (!r.success()) {
            return head + "not measured, the hole punch for it ended " + r.outcome();
        }
        OptionalDouble relay = r.relayMBps();
        OptionalDouble direct = r.directMBps();
        if (relay.isEmpty() || direct.isEmpty()) {
            return head + "relay " + mbps(relay) + ", direct " + mbps(direct) + " ("
                    + (r.perfErrors().isEmpty() ? "no figure in the record" : r.perfErrors()) + ")";
        }
        return head + "relay " + mbps(relay) + ", direct " + mbps(direct) + ", direct/relay "
                + String.format(Locale.ROOT, "%.1f×", direct.getAsDouble() / relay.getAsDouble());
    }

    private static String mbps(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f MB/s", v.getAsDouble()) : "n/a";
    }

    private static String listenAddr(Optional<String> line, String what) throws IOException {
        return line.map(l -> l.substring("listen ".length()).strip())
                .orElseThrow(() -> new IOException(what + " did not come up within " + NODE_START_SECONDS + " s"));
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(args);
        return command;
    }
}
