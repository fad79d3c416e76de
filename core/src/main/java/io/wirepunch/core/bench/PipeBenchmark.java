package io.wirepunch.core.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code 0nc} through the NAT testbed, per pairing of NAT kinds (A's router, B's router): a relay in
 * ID-relay with its circuit limits lifted, the inviter in A's namespace holding a reservation on it,
 * the joiner in B's. Measures the time from paste to connected (the joiner started with the invitation
 * until it prints {@code path direct|relayed}), next to how long a JVM takes to start and exit there,
 * and the pipe's throughput each way against raw TCP from the sender's namespace to the relay's.
 */
public final class PipeBenchmark {
    public static final long DEFAULT_BYTES = 64L << 20;
    public static final int DEFAULT_RUNS = 10;
    public static final List<String> DEFAULT_PAIRINGS = List.of("eim-eim", "edm-edm");
    /** Bytes at most: the sent bytes are held in memory to check the received ones against. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** The ID prefix of this bench's testbeds (bench punch uses "pb"). */
    static final String TESTBED_PREFIX = "pp";
    /**
     * The first port the two 0nc ends of a pair listen (and so dial) from; each pair takes the next one,
     * so that conntrack entries of earlier pairs cannot help or hinder a later one.
     */
    static final int FIRST_PIPE_PORT = 4200;
    /** The first port of the raw TCP receivers in the relay's namespace; each takes the next one. */
    static final int FIRST_RAW_PORT = 5200;
    private static final String MAIN = "io.wirepunch.core.cli.WirepunchCli";
    private static final long NODE_START_SECONDS = 60;
    /** The inviter waits up to 15 s for its reservation before it prints the invitation. */
    private static final long INVITATION_SECONDS = 60;
    /** The joiner tries each address up to 15 s, then waits up to 20 s for a hole punch. */
    private static final long CONNECT_SECONDS = 90;
    private static final long JVM_START_SECONDS = 60;
    /** How long both ends of a pair have to exit after the joiner chose its path, or a transfer to end. */
    private static final long EXIT_SECONDS = 60;
    private static final long TRANSFER_SECONDS = 600;
    private static final long KILL_SECONDS = 10;
    /** Pairs at most per direction until one delivers every byte (see the failures in docs/benchmarks.md). */
    static final int THROUGHPUT_TRIES = 3;
    private static final File NO_INPUT = new File("/dev/null");

    /** Which way the bytes go: from B's stdin to A's stdout or the other way. */
    public enum Direction {
        B_TO_A("B->A", "b"),
        A_TO_B("A->B", "a");

        final String label;
        final String sender;

        Direction(String label, String sender) {
            this.label = label;
            this.sender = sender;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One direction's figures: the pipe's path, whether it was byte-exact, pipe and raw TCP MB/s, and
     * how many pairs it took to get a byte-exact transfer.
     */
    public record Throughput(Direction direction, String path, long bytes, boolean exact, double pipeMBps,
                             boolean rawExact, double rawMBps, String error, int tries) {
        public double ratio() {
            return rawMBps > 0 ? pipeMBps / rawMBps : 0;
        }
    }

    /**
     * One pairing's figures: per run the time from paste to connected, its path, and the JVM start time;
     * the errors of runs that connected or not but whose ends did not both exit 0.
     */
    public record PairingResult(String pairing, List<Double> connectMs, List<String> paths, int failures,
                                List<Double> jvmStartMs, List<Throughput> throughputs, List<String> connectErrors) {
        public OptionalDouble connectMedianMs() {
            return median(connectMs);
        }

        public OptionalDouble jvmStartMedianMs() {
            return median(jvmStartMs);
        }
    }

    private final Path testbed;
    private final long bytes;
    private final int runs;
    private final List<String> pairings;
    private final Consumer<String> out;
    private int nextPipePort = FIRST_PIPE_PORT;
    private int nextRawPort = FIRST_RAW_PORT;

    /**
     * @param testbed  the testbed script
     * @param bytes    bytes each way for the throughput figures
     * @param runs     paste-to-connected runs per pairing
     * @param pairings NAT kinds of A's and B's routers, "eim-edm" and the like
     * @param out      where the result lines go
     */
    public PipeBenchmark(Path testbed, long bytes, int runs, List<String> pairings, Consumer<String> out) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("bytes must be between 1 and " + MAX_BYTES);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        pairings.forEach(PunchBenchmark::kinds);
        this.testbed = testbed;
        this.bytes = bytes;
        this.runs = runs;
        this.pairings = List.copyOf(pairings);
        this.out = out;
    }

    /** Runs every pairing, printing one JSON line per measurement and then the summary table. */
    public List<PairingResult> run() throws Exception {
        List<PairingResult> results = new ArrayList<>();
        for (String pairing : pairings) {
            results.add(runPairing(pairing));
        }
        summary(results).forEach(out);
        return results;
    }

    private PairingResult runPairing(String pairing) throws Exception {
        String[] k = PunchBenchmark.kinds(pairing);
        Path dir = Files.createTempDirectory("wirepunch-pipe-bench");
        try (PunchTestbed bed = PunchTestbed.up(testbed, TESTBED_PREFIX, k[0], k[1])) {
            System.err.println("bench pipe: " + pairing + " on testbed " + bed.id() + ", " + runs + " runs, "
                    + bytes + " bytes each way");
            Path config = Files.writeString(dir.resolve("relay.json"), PunchBenchmark.RELAY_CONFIG);
            PunchTestbed.Lines relay = bed.start("relay", java(MAIN, List.of("node",
                    "--listen", "/ip4/" + PunchBenchmark.RELAY_IP + "/tcp/" + PunchBenchmark.NODE_PORT, "--no-perf",
                    "--relay-service", "--relay-config", config.toString(), "--data-dir", dir.toString(),
                    "--public-ranges", PunchBenchmark.PUBLIC_RANGE)));
            String relayAddr = relay.await(l -> l.startsWith("listen /ip4/" + PunchBenchmark.RELAY_IP + "/"),
                    NODE_START_SECONDS).map(l -> l.substring("listen ".length()).strip())
                    .orElseThrow(() -> new IOException("the relay did not come up within " + NODE_START_SECONDS + " s"));

            List<Double> connectMs = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            List<Double> jvmMs = new ArrayList<>();
            int failures = 0;
            List<String> connectErrors = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                double jvm = jvmStart(bed);
                jvmMs.add(jvm);
                Pair p = pair(bed, relayAddr, ProcessBuilder.Redirect.from(NO_INPUT),
                        ProcessBuilder.Redirect.from(NO_INPUT), Optional.empty(), null);
                Map<String, Object> line = head(pairing, "connect");
                line.put("run", i);
                line.put("jvmStartMs", JsonLine.round(jvm));
                if (p.connectMs().isPresent()) {
                    connectMs.add(p.connectMs().getAsDouble());
                    paths.add(p.path());
                    line.put("connectMs", JsonLine.round(p.connectMs().getAsDouble()));
                    line.put("path", p.path());
                } else {
                    failures++;
                }
                if (!p.error().isEmpty()) {
                    line.put("error", p.error());
                    connectErrors.add(p.error());
                }
                out.accept(JsonLine.of(line));
            }

            Path data = dir.resolve("data");
            byte[] sent = random(bytes);
            Files.write(data, sent);
            List<Throughput> throughputs = new ArrayList<>();
            for (Direction d : Direction.values()) {
                ProcessBuilder.Redirect payload = ProcessBuilder.Redirect.from(data.toFile());
                ProcessBuilder.Redirect none = ProcessBuilder.Redirect.from(NO_INPUT);
                // A transfer whose receiver did not get every byte says so on a line of its own, and
                // the next try is a new pair; the figure is that of the first byte-exact one.
                Pair p = null;
                int tries = 0;
                while (tries < THROUGHPUT_TRIES && (p == null || !p.received().exact())) {
                    if (p != null) {
                        Map<String, Object> lost = head(pairing, "throughputFailed");
                        lost.put("direction", d.label);
                        lost.put("try", tries);
                        lost.put("path", p.path());
                        lost.put("received", p.received().bytes());
                        lost.put("prefixExact", Boolean.toString(p.received().prefixExact()));
                        lost.put("error", p.error());
                        out.accept(JsonLine.of(lost));
                    }
                    p = d == Direction.B_TO_A
                            ? pair(bed, relayAddr, none, payload, Optional.of(Direction.B_TO_A), sent)
                            : pair(bed, relayAddr, payload, none, Optional.of(Direction.A_TO_B), sent);
                    tries++;
                }
                ByteSink.Received raw = raw(bed, d.sender, data, sent);
                String error = p.error().isEmpty() ? raw.error() : p.error();
                Throughput t = new Throughput(d, p.path(), bytes, p.received().exact(), p.received().mbps(),
                        raw.exact(), raw.mbps(), error, tries);
                throughputs.add(t);
                Map<String, Object> line = head(pairing, "throughput");
                line.put("direction", d.label);
                line.put("path", t.path());
                line.put("bytes", bytes);
                line.put("received", p.received().bytes());
                line.put("tries", tries);
                line.put("exact", Boolean.toString(t.exact()));
                line.put("pipeMBps", JsonLine.round(t.pipeMBps()));
                line.put("rawExact", Boolean.toString(t.rawExact()));
                line.put("rawMBps", JsonLine.round(t.rawMBps()));
                line.put("pipeToRaw", JsonLine.round(t.ratio()));
                if (!error.isEmpty()) {
                    line.put("error", error);
                }
                out.accept(JsonLine.of(line));
            }
            return new PairingResult(pairing, List.copyOf(connectMs), List.copyOf(paths), failures, List.copyOf(jvmMs),
                    List.copyOf(throughputs), List.copyOf(connectErrors));
        } finally {
            RelayProcess.deleteTree(dir);
        }
    }

    private static Map<String, Object> head(String pairing, String measure) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "pipe");
        line.put("pairing", pairing);
        line.put("measure", measure);
        return line;
    }

    /** Milliseconds for {@code wirepunch --version} to start and exit in B's namespace: a JVM's start. */
    private static double jvmStart(PunchTestbed bed) throws IOException {
        long t0 = System.nanoTime();
        PunchTestbed.Result r = bed.run("b", java(MAIN, List.of("--version")), JVM_START_SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.exit() != 0) {
            throw new IOException("wirepunch --version failed in the testbed (exit " + r.exit() + "): " + r.stderr().strip());
        }
        return ms;
    }

    /** One 0nc pair: its time from paste to connected, the joiner's path, what the receiving end got. */
    private record Pair(OptionalDouble connectMs, String path, ByteSink.Received received, String error) {}

    /**
     * Starts the inviter in A's namespace, waits for its invitation, starts the joiner with it in B's
     * and waits for its path line; then both ends run to their exit. {@code receiver} names the
     * direction whose receiving end's stdout is read and checked against {@code sent}.
     */
    private Pair pair(PunchTestbed bed, String relayAddr, ProcessBuilder.Redirect inA, ProcessBuilder.Redirect inB,
                      Optional<Direction> receiver, byte[] sent) throws IOException, InterruptedException {
        int port = nextPipePort++;
        String listen = "/ip4/0.0.0.0/tcp/" + port;
        boolean aReceives = receiver.equals(Optional.of(Direction.B_TO_A));
        boolean bReceives = receiver.equals(Optional.of(Direction.A_TO_B));
        Process inviter = null;
        Process joiner = null;
        try {
            inviter = bed.spawn("a", java(MAIN, List.of("0nc", "--relay", relayAddr, "--listen", listen,
                    "--public-ranges", PunchBenchmark.PUBLIC_RANGE)), inA, sinkOrDiscard(aReceives), ProcessBuilder.Redirect.PIPE);
            ByteSink sinkA = aReceives ? new ByteSink(inviter.getInputStream(), sent, "pipe-bench-sink-a") : null;
            StampedLines inviterErr = new StampedLines(inviter.getErrorStream(), "pipe-bench-inviter");
            Optional<StampedLines.Line> invitation = inviterErr.await(l -> l.startsWith("invitation "), INVITATION_SECONDS);
            if (invitation.isEmpty()) {
                return failed("the inviter printed no invitation within " + INVITATION_SECONDS + " s: " + inviterErr.last());
            }
            String inv = invitation.get().text().substring("invitation ".length()).strip();
            long pasted = System.nanoTime();
            joiner = bed.spawn("b", java(MAIN, List.of("0nc", inv, "--listen", listen,
                    "--public-ranges", PunchBenchmark.PUBLIC_RANGE, "--verbose-path")), inB, sinkOrDiscard(bReceives),
                    ProcessBuilder.Redirect.PIPE);
            ByteSink sinkB = bReceives ? new ByteSink(joiner.getInputStream(), sent, "pipe-bench-sink-b") : null;
            StampedLines joinerErr = new StampedLines(joiner.getErrorStream(), "pipe-bench-joiner");
            Optional<StampedLines.Line> path = joinerErr.await(l -> l.startsWith("path "), CONNECT_SECONDS);
            if (path.isEmpty()) {
                return failed("the joiner printed no path within " + CONNECT_SECONDS + " s: " + joinerErr.last());
            }
            OptionalDouble connectMs = OptionalDouble.of((path.get().nanos() - pasted) / 1e6);
            String chosen = path.get().text().substring("path ".length()).strip();
            long limit = receiver.isPresent() ? TRANSFER_SECONDS : EXIT_SECONDS;
            ByteSink sink = aReceives ? sinkA : sinkB;
            ByteSink.Received got = sink != null ? sink.await(limit) : new ByteSink.Received(0, true, true, 0, "");
            String error = got.error();
            boolean joinerDone = joiner.waitFor(limit, TimeUnit.SECONDS);
            boolean inviterDone = inviter.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
            if (error.isEmpty() && (!joinerDone || !inviterDone)) {
                error = (joinerDone ? "the inviter" : "the joiner") + " did not exit";
            } else if (error.isEmpty() && (joiner.exitValue() != 0 || inviter.exitValue() != 0)) {
                error = "exit codes joiner " + joiner.exitValue() + ", inviter " + inviter.exitValue() + ": "
                        + (joiner.exitValue() != 0 ? joinerErr.last() : inviterErr.last());
            }
            return new Pair(connectMs, chosen, got, error);
        } finally {
            reap(joiner);
            reap(inviter);
        }
    }

    private static Pair failed(String error) {
        return new Pair(OptionalDouble.empty(), "none", new ByteSink.Received(0, false, false, 0, error), error);
    }

    private static ProcessBuilder.Redirect sinkOrDiscard(boolean receives) {
        return receives ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD;
    }

    /** Raw TCP from {@code sender}'s namespace to a receiver in the relay's, the same bytes as the pipe carried. */
    private ByteSink.Received raw(PunchTestbed bed, String sender, Path data, byte[] sent)
            throws IOException, InterruptedException {
        int port = nextRawPort++;
        Process receiver = null;
        Process send = null;
        try {
            receiver = bed.spawn("relay", java(RawTcpPipe.class.getName(), List.of("listen", Integer.toString(port))),
                    ProcessBuilder.Redirect.from(NO_INPUT), ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE);
            ByteSink sink = new ByteSink(receiver.getInputStream(), sent, "pipe-bench-raw-sink");
            StampedLines receiverErr = new StampedLines(receiver.getErrorStream(), "pipe-bench-raw-receiver");
            if (receiverErr.await(l -> l.startsWith(RawTcpPipe.READY), JVM_START_SECONDS).isEmpty()) {
                return new ByteSink.Received(0, false, false, 0, "the raw TCP receiver did not listen: " + receiverErr.last());
            }
            send = bed.spawn(sender, java(RawTcpPipe.class.getName(), List.of("connect", PunchBenchmark.RELAY_IP,
                    Integer.toString(port))), ProcessBuilder.Redirect.from(data.toFile()), ProcessBuilder.Redirect.DISCARD,
                    ProcessBuilder.Redirect.PIPE);
            StampedLines senderErr = new StampedLines(send.getErrorStream(), "pipe-bench-raw-sender");
            ByteSink.Received got = sink.await(TRANSFER_SECONDS);
            if (!send.waitFor(EXIT_SECONDS, TimeUnit.SECONDS) || send.exitValue() != 0) {
                return new ByteSink.Received(got.bytes(), false, got.prefixExact(), got.seconds(), "the raw TCP sender failed: " + senderErr.last());
            }
            return got;
        } finally {
            reap(send);
            reap(receiver);
        }
    }

    /** Ends {@code p} if it still runs and waits for it, so that no process outlives its measurement. */
    private static void reap(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(KILL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(KILL_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] random(long n) {
        byte[] b = new byte[(int) n];
        SplittableRandom r = new SplittableRandom();
        for (int i = 0; i < b.length; i += Long.BYTES) {
            long v = r.nextLong();
            for (int j = 0; j < Long.BYTES && i + j < b.length; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }

    /** The middle value, or the mean of the two middle ones; empty for no values. */
    static OptionalDouble median(List<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = s.length / 2;
        return OptionalDouble.of(s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2);
    }

    /**
     * The summary: a Markdown table, one row per pairing and direction; then a note for each transfer
     * whose processes did not all end well (the figures stand when the receiver got every byte).
     */
    static List<String> summary(List<PairingResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| pairing | path | paste→connected median (min–max) | JVM start median | direction | pipe MB/s"
                + " | raw TCP MB/s | pipe/raw | byte-exact |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (PairingResult r : results) {
            String paths = r.paths().stream().collect(Collectors.groupingBy(p -> p, LinkedHashMap::new,
                    Collectors.counting())).entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/"
                    + (r.paths().size() + r.failures())).collect(Collectors.joining(", "));
            String connect = r.connectMedianMs().isPresent()
                    ? String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", r.connectMedianMs().getAsDouble(),
                            r.connectMs().stream().mapToDouble(Double::doubleValue).min().orElse(0),
                            r.connectMs().stream().mapToDouble(Double::doubleValue).max().orElse(0))
                    : "n/a";
            if (r.failures() > 0) {
                connect += ", " + r.failures() + " failed";
            }
            String jvm = r.jvmStartMedianMs().isPresent()
                    ? String.format(Locale.ROOT, "%.0f ms", r.jvmStartMedianMs().getAsDouble()) : "n/a";
            for (Throughput t : r.throughputs()) {
                lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s %s | %.1f | %.1f | %.2f | %s |",
                        r.pairing(), paths.isEmpty() ? "none" : paths, connect, jvm, t.direction(), t.path(),
                        t.pipeMBps(), t.rawMBps(), t.ratio(), t.exact() && t.rawExact() ? "yes" : "NO"));
            }
        }
        for (PairingResult r : results) {
            if (!r.connectErrors().isEmpty()) {
                lines.add("note " + r.pairing() + ": " + r.connectErrors().size() + " of " + (r.paths().size() + r.failures())
                        + " connect runs did not end cleanly, e.g. " + r.connectErrors().get(0));
            }
            for (Throughput t : r.throughputs()) {
                if (t.tries() > 1) {
                    lines.add("note " + r.pairing() + " " + t.direction() + ": " + t.tries() + " tries");
                }
                if (!t.error().isEmpty()) {
                    lines.add("note " + r.pairing() + " " + t.direction() + ": " + t.error());
                }
            }
        }
        return lines;
    }

    private static List<String> java(String main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        return command;
    }
}
