package io.wirepunch.core.cli;

import io.wirepunch.core.bench.DhtBenchmark;
import io.wirepunch.core.bench.JsonLine;
import io.wirepunch.core.bench.PipeBenchmark;
import io.wirepunch.core.bench.PunchBenchmark;
import io.wirepunch.core.bench.PunchrServerBenchmark;
import io.wirepunch.core.bench.RelayBenchmark;
import io.wirepunch.core.bench.TransportBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks, which print measured figures and their ratios; not tests. */
@Command(name = "bench", description = "Run a benchmark and print its figures as JSON.",
        subcommands = {BenchCommand.Transport.class, BenchCommand.Dht.class, BenchCommand.Relay.class,
            BenchCommand.Punch.class, BenchCommand.Pipe.class,
            BenchCommand.PunchrServer.class})
public final class BenchCommand {

    @Command(name = "punchr-server", description = {
        "How many TrackHolePunch calls a second the measurement server stores, on loopback: the server in this",
        "JVM over a fresh embedded store (or --db, a PostgreSQL database), calls kept in flight by a load generator",
        "with enough API keys that no key's rate limit is reached. One JSON line."})
    static final class PunchrServer implements Callable<Integer> {
        @Option(names = "--db", paramLabel = "URL", description = "A PostgreSQL database (jdbc:postgresql://…) instead of"
                + " the embedded one. Its measurement tables are written to.")
        String db;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
                description = "Calls in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "How long to measure, after a warm-up of a fifth of it (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Override
        public Integer call() throws Exception {
            if (concurrency < 1 || seconds < 1) {
                throw new CliException("--concurrency and --seconds must be at least 1");
            }
            if (db != null && !db.startsWith("jdbc:postgresql:")) {
                throw new CliException("--db must be a jdbc:postgresql: URL");
            }
            System.out.println(JsonLine.of(new PunchrServerBenchmark(Optional.ofNullable(db), concurrency,
                    Duration.ofSeconds(seconds)).run()));
            return 0;
        }
    }

    @Command(name = "transport", description = {
        "Loopback throughput of raw TCP, the cipher alone, one Noise+Yamux stream, 16 parallel streams,",
        "handshakes per second, and js-libp2p doing the same, with ratios; one JSON line."})
    static final class Transport implements Callable<Integer> {
        @Option(names = "--bytes", paramLabel = "BYTES", defaultValue = "268435456",
                description = "Bytes each way for one stream (default: ${DEFAULT-VALUE}).")
        long bytes;

        @Option(names = "--js-dir", paramLabel = "DIR",
                description = "The js test peer (default: core/src/test/js of this checkout).")
        Path jsDir;

        @Option(names = "--no-js", description = "Skip the js-libp2p reference.")
        boolean noJs;

        @Override
        public Integer call() throws Exception {
            if (bytes < 1024 * 1024) {
                throw new CliException("--bytes must be at least 1 MiB");
            }
            Optional<Path> js = noJs ? Optional.empty() : Optional.of(jsDir != null ? jsDir : defaultJsDir());
            System.out.println(JsonLine.of(new TransportBenchmark(bytes, js).run()));
            return 0;
        }

        private static Path defaultJsDir() {
            String home = System.getProperty("wirepunch.home");
            Path base = home != null ? Path.of(home) : Path.of("");
            Path dir = base.resolve("core/src/test/js");
            return Files.isDirectory(dir) ? dir : base.resolve("src/test/js");
        }
    }

    @Command(name = "dht", description = {
        "Builds an in-memory DHT of N nodes (real routing tables, request handlers and lookups; every message",
        "encoded and decoded), runs random find-peer lookups and prints one JSON line: success rate, lookups",
        "per second, hops (median, p99), messages per lookup (mean, p99), memory per node, build time."})
    static final class Dht implements Callable<Integer> {
        @Option(names = "--nodes", paramLabel = "N", defaultValue = "10000",
                description = "Nodes in the network (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--lookups", paramLabel = "N", defaultValue = "1000",
                description = "Find-peer lookups from random nodes for random others (default: ${DEFAULT-VALUE}).")
        int lookups;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of the node ids and the lookups; one seed gives the same counts (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            DhtBenchmark benchmark;
            try {
                benchmark = new DhtBenchmark(nodes, lookups, seed);
            } catch (IllegalArgumentException e) {
                // The benchmark names the figure it refuses as this command names its option.
                throw new CliException("--" + e.getMessage());
            }
            System.out.println(JsonLine.of(benchmark.run()));
            return 0;
        }
    }

    @Command(name = "relay", description = {
        "One stream direct and through a relay on loopback, with their ratio; then how many reservations and",
        "circuits a relay node (its own JVM) holds at once with its default limits, its heap and the time each took."})
    static final class Relay implements Callable<Integer> {
        @Option(names = "--bytes", paramLabel = "BYTES", defaultValue = "" + RelayBenchmark.DEFAULT_BYTES,
                description = "Bytes each way for the direct and the relayed stream (default: ${DEFAULT-VALUE}).")
        long bytes;

        @Option(names = "--reservations", paramLabel = "N", defaultValue = "" + RelayBenchmark.DEFAULT_RESERVATIONS,
                description = "Distinct clients reserving at once (default: ${DEFAULT-VALUE}, the relay's default maximum).")
        int reservations;

        @Option(names = "--circuits", paramLabel = "N", defaultValue = "" + RelayBenchmark.DEFAULT_CIRCUITS,
                description = "Circuits to hold open at once (default: ${DEFAULT-VALUE}, the relay's default maximum).")
        int circuits;

        @Override
        public Integer call() throws Exception {
            if (bytes < 1) {
                throw new CliException("--bytes must be positive");
            }
            if (reservations < 0 || circuits < 0) {
                throw new CliException("--reservations and --circuits must not be negative");
            }
            System.out.println(JsonLine.of(new RelayBenchmark(bytes, reservations, circuits).run()));
            return 0;
        }
    }

    /** The pairings of NAT kinds a testbed benchmark runs, or one sentence naming what is wrong. */
    static List<String> testbedPairings(String pairings) {
        try {
            return PunchBenchmark.parsePairings(pairings);
        } catch (IllegalArgumentException e) {
            throw new CliException("--pairings: " + e.getMessage());
        }
    }

    /** {@code --testbed}, or the checkout's testbed script; one sentence when it cannot be used. */
    static Path testbedScript(Path testbed) {
        Path script = testbed != null ? testbed : PunchBenchmark.locateTestbed().orElseThrow(() -> new CliException(
                "no NAT testbed script found: run from the checkout, give --testbed PATH or set WIREPUNCH_TESTBED"));
        Optional<String> problem = PunchBenchmark.problem(script);
        if (problem.isPresent()) {
            throw new CliException(problem.get());
        }
        return script;
    }

    @Command(name = "punch", description = {
        "Hole punching through the NAT testbed (needs root): per pairing of NAT kinds a relay, B holding a",
        "reservation and N punch runs from A; one line per pairing with the outcomes, success rate, time to",
        "direct (median, p90) and first-attempt share; for eim-eim upload A->B through the relay and direct",
        "after one punch; then punchr's field figures to compare with."})
    static final class Punch implements Callable<Integer> {
        @Option(names = "--punches", paramLabel = "N", defaultValue = "" + PunchBenchmark.DEFAULT_PUNCHES,
                description = "Punches per pairing (default: ${DEFAULT-VALUE}).")
        int punches;

        @Option(names = "--pairings", paramLabel = "A-B[,A-B...]", defaultValue = "eim-eim,edm-edm,eim-edm,upnp-eim",
                description = "NAT kinds of A's and B's routers: eim, edm or upnp (default: ${DEFAULT-VALUE}).")
        String pairings;

        @Option(names = "--testbed", paramLabel = "PATH",
                description = "testbed.sh (default: $WIREPUNCH_TESTBED, else core/src/test/testbed/testbed.sh of this checkout).")
        Path testbed;

        @Option(names = "--perf-bytes", paramLabel = "BYTES", defaultValue = "" + PunchBenchmark.DEFAULT_PERF_BYTES,
                description = "Bytes uploaded through the relay and direct for the eim-eim throughput; 0 skips it"
                        + " (default: ${DEFAULT-VALUE}).")
        long perfBytes;

        @Override
        public Integer call() throws Exception {
            if (punches < 1) {
                throw new CliException("--punches must be at least 1");
            }
            if (perfBytes < 0) {
                throw new CliException("--perf-bytes must not be negative");
            }
            List<String> list = testbedPairings(pairings);
            Path script = testbedScript(testbed);
            new PunchBenchmark(script, punches, list, perfBytes, line -> {
                System.out.println(line);
                System.out.flush();
            }).run();
            return 0;
        }
    }

    @Command(name = "pipe", description = {
        "0nc through the NAT testbed (needs root): per pairing of NAT kinds a relay, the inviter behind A's NAT",
        "and the joiner behind B's; the time from paste to connected (median, min, max) next to a JVM's start,",
        "then the pipe's throughput each way against raw TCP over the sender's NAT to the relay's namespace.",
        "One JSON line per measurement, then a summary table."})
    static final class Pipe implements Callable<Integer> {
        @Option(names = "--bytes", paramLabel = "BYTES", defaultValue = "" + PipeBenchmark.DEFAULT_BYTES,
                description = "Bytes each way for the throughput figures (default: ${DEFAULT-VALUE}).")
        long bytes;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "" + PipeBenchmark.DEFAULT_RUNS,
                description = "Paste-to-connected runs per pairing, each with fresh processes (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--pairings", paramLabel = "A-B[,A-B...]", defaultValue = "eim-eim,edm-edm",
                description = "NAT kinds of A's and B's routers: eim, edm or upnp (default: ${DEFAULT-VALUE}).")
        String pairings;

        @Option(names = "--testbed", paramLabel = "PATH",
                description = "testbed.sh (default: $WIREPUNCH_TESTBED, else core/src/test/testbed/testbed.sh of this checkout).")
        Path testbed;

        @Override
        public Integer call() throws Exception {
            if (bytes < 1 || bytes > PipeBenchmark.MAX_BYTES) {
                throw new CliException("--bytes must be between 1 and " + PipeBenchmark.MAX_BYTES);
            }
            if (runs < 1) {
                throw new CliException("--runs must be at least 1");
            }
            List<String> list = testbedPairings(pairings);
            Path script = testbedScript(testbed);
            new PipeBenchmark(script, bytes, runs, list, line -> {
                System.out.println(line);
                System.out.flush();
            }).run();
            return 0;
        }
    }
}
