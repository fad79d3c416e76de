package io.wirepunch.core.testbed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two peers behind two NAT routers and a public host, each in its own Linux network namespace, made
 * by {@code src/test/testbed/testbed.sh} (see the README there for the topology). Needs root, iproute2,
 * nft or iptables and miniupnpd: tests call {@link #available()} in an assumption first.
 *
 * <pre>
 *   relay 100.128.0.10 ─┬─ switch (100.128.0.0/24) ─┬─ router A WAN 100.128.0.2 ── LAN 10.0.1.1 ── A 10.0.1.10
 *                       │                           └─ router B WAN 100.128.0.3 ── LAN 10.0.2.1 ── B 10.0.2.10
 * </pre>
 *
 * The public segment is not a documentation range because miniupnpd refuses to forward ports when
 * its WAN address lies in one; {@link #PUBLIC_RANGE} is what a test declares public.
 * {@link #close()} destroys every process the testbed started and removes the namespaces; a JVM
 * shutdown hook does the same if a test never gets there.
 */
public final class Testbed implements AutoCloseable {
    public static final String PUBLIC_RANGE = "100.128.0.0/24";
    public static final String RELAY_IP = "100.128.0.10";
    /** A second address of the public host: a service there is another observer than one on {@link #RELAY_IP}. */
    public static final String RELAY_IP_2 = "100.128.0.11";
    public static final String ROUTER_A_WAN = "100.128.0.2";
    public static final String ROUTER_B_WAN = "100.128.0.3";
    public static final String ROUTER_A_LAN = "10.0.1.1";
    public static final String ROUTER_B_LAN = "10.0.2.1";
    public static final String A_IP = "10.0.1.10";
    public static final String B_IP = "10.0.2.10";
    /** The HTTP port of miniupnpd on a {@link NatKind#UPNP} router's LAN address. */
    public static final int UPNP_HTTP_PORT = 5000;
    public static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Boolean available;

    private final String id;
    private final NatKind natA;
    private final NatKind natB;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Testbed(String id, NatKind natA, NatKind natB) {
        this.id = id;
        this.natA = natA;
        this.natB = natB;
        this.shutdownHook = new Thread(this::destroyAndDown, "testbed-down-" + id);
    }

    /** The script, found from the module directory (Maven's working directory) or the repository root. */
    public static Path script() {
        String override = System.getProperty("wirepunch.testbed.script");
        if (override != null) {
            return Paths.get(override).toAbsolutePath();
        }
        for (String candidate : List.of("src/test/testbed/testbed.sh", "core/src/test/testbed/testbed.sh")) {
            Path p = Paths.get(candidate).toAbsolutePath();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return Paths.get("src/test/testbed/testbed.sh").toAbsolutePath();
    }

    /** Whether the testbed can run here: Linux, root, and the tools {@code testbed.sh check} asks for. */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            boolean ok;
            try {
                ok = System.getProperty("os.name", "").toLowerCase().contains("linux")
                        && Files.isRegularFile(script())
                        && runScript(Duration.ofSeconds(20), "check").ok();
            } catch (IOException | RuntimeException e) {
                ok = false;
            }
            available = known = ok;
        }
        return known;
    }

    /** Brings a testbed up with router A of kind {@code a} and router B of kind {@code b}. */
    public static Testbed up(NatKind a, NatKind b) throws IOException {
        String id = "wp" + Long.toString(ProcessHandle.current().pid(), 36) + "n" + COUNTER.incrementAndGet();
        Testbed bed = new Testbed(id, a, b);
        runScript(Duration.ofSeconds(20), "down", id); // leftovers of a killed run with the same pid
        Runtime.getRuntime().addShutdownHook(bed.shutdownHook);
        ExecResult r = runScript(Duration.ofSeconds(60), "up", id, a.scriptName(), b.scriptName());
        if (!r.ok()) {
            bed.close();
            throw new IOException("testbed.sh up " + id + " failed: " + r);
        }
        return bed;
    }

    public String id() {
        return id;
    }

    public NatKind natA() {
        return natA;
    }

    public NatKind natB() {
        return natB;
    }

    /** The network namespace of {@code n}, for {@code ip netns exec}. */
    public String ns(Node n) {
        return id + "-" + n.suffix;
    }

    /** The namespaces of this testbed. */
    public List<String> namespaces() {
        return Arrays.stream(Node.values()).map(this::ns).toList();
    }

    /** The WAN address of the router in front of {@code peer} ({@link Node#A} or {@link Node#B}). */
    public static String wanOf(Node peer) {
        return switch (peer) {
            case A, ROUTER_A -> ROUTER_A_WAN;
            case B, ROUTER_B -> ROUTER_B_WAN;
            default -> throw new IllegalArgumentException(peer + " is not behind a router");
        };
    }

    /**
     * Starts {@code command} inside {@code n}. The caller reads stdout and stderr (or the process may
     * block on a full pipe); {@link #close()} destroys it.
     */
    public Process start(Node n, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(n)));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAZZER_FUZZ");
        Process p = pb.start();
        p.getOutputStream().close();
        processes.add(p);
        return p;
    }

    /**
     * Starts a Java main of the test classpath inside {@code n}, with the same startup flags as the CLI
     * contract tests use.
     */
    public Process startJava(Node n, String mainClass, String... args) throws IOException {
        return startJava(n, Map.of(), mainClass, args);
    }

    /** As {@link #startJava(Node, String, String...)}, with {@code env} added to its environment. */
    public Process startJava(Node n, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (!env.isEmpty()) {
            cmd.add("env");
            env.forEach((k, v) -> cmd.add(k + "=" + v));
        }
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return start(n, cmd);
    }

    /** Runs {@code cmd} inside {@code n} to its end, or kills it after {@link #EXEC_TIMEOUT}. */
    public ExecResult exec(Node n, String... cmd) throws IOException {
        return exec(EXEC_TIMEOUT, n, cmd);
    }

    public ExecResult exec(Duration timeout, Node n, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(n)));
        full.addAll(List.of(cmd));
        return run(timeout, full);
    }

    /** Runs a Java main inside {@code n} to its end (see {@link #startJava}). */
    public ExecResult execJava(Duration timeout, Node n, String mainClass, String... args) throws IOException {
        return execJava(timeout, n, Map.of(), mainClass, args);
    }

    /** As {@link #execJava(Duration, Node, String, String...)}, with {@code env} added to its environment. */
    public ExecResult execJava(Duration timeout, Node n, Map<String, String> env, String mainClass, String... args)
            throws IOException {
        Process p = startJava(n, env, mainClass, args);
        try {
            return collect(p, timeout, String.join(" ", mainClass, String.join(" ", args)));
        } finally {
            processes.remove(p);
        }
    }

    /** Destroys every process this testbed started, then removes its namespaces and state. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyAndDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void destroyAndDown() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            ExecResult r = runScript(Duration.ofSeconds(60), "down", id);
            if (!r.ok()) {
                System.err.println("testbed.sh down " + id + " failed: " + r);
            }
        } catch (IOException e) {
            System.err.println("testbed.sh down " + id + " failed: " + e);
        }
    }

    private static ExecResult runScript(Duration timeout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString()));
        cmd.addAll(List.of(args));
        return run(timeout, cmd);
    }

    private static ExecResult run(Duration timeout, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("JAZZER_FUZZ");
        Process p = pb.start();
        p.getOutputStream().close();
        return collect(p, timeout, String.join(" ", cmd));
    }

    private static ExecResult collect(Process p, Duration timeout, String what) throws IOException {
        CompletableFuture<String> out = drain(p.getInputStream(), "testbed-out-" + p.pid());
        CompletableFuture<String> err = drain(p.getErrorStream(), "testbed-err-" + p.pid());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new ExecResult(-1, out.getNow(""), "timed out after " + timeout + ": " + what + "\n" + err.getNow(""));
            }
            return new ExecResult(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + what, e);
        } catch (Exception e) {
            throw new IOException("could not collect the output of " + what, e);
        }
    }

    /** Reads a stream to its end on a thread of its own (the common pool may have a single thread). */
    private static CompletableFuture<String> drain(InputStream in, String name) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                result.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }
}
