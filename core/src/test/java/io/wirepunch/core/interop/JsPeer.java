package io.wirepunch.core.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A js-libp2p 3.x node in a child process ({@code node peer.mjs} in the directory named by the
 * system property {@code wirepunch.jsPeerDir}), scripted over JSON lines on its stdin/stdout.
 *
 * <p>Commands are sent with {@link #request(JsonMap, Duration)} and answered with one JSON object
 * carrying the same {@code "id"}; an answer with {@code "error"} becomes a {@link JsPeerException}.
 * Every {@code {"event":...}} line the peer prints is kept and can be awaited with
 * {@link #awaitEvent}. The peer's stderr goes to the test log. {@link #close()} stops the process
 * (and a JVM shutdown hook kills it if the test never closes it).
 *
 * <p>Targets are strings: a multiaddr (starting with {@code /}, with or without {@code /p2p/}) or a
 * peer id whose addresses the js peer already knows.
 */
public final class JsPeer implements AutoCloseable {
    /** How long the js peer gets to print its ready line. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** Default for commands; the js side aborts its work slightly earlier so an answer still arrives. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for a clean exit before killing the process. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** Recent stderr lines kept for error messages. */
    private static final int STDERR_TAIL = 40;
    /** The bulk protocol's pattern: byte i of a stream is {@code i % PATTERN_MODULUS}. */
    public static final int PATTERN_MODULUS = 251;

    public static final String ECHO_PROTOCOL = "/wirepunch/test/echo/1.0.0";
    public static final String BULK_PROTOCOL = "/wirepunch/test/bulk/1.0.0";
    public static final String PERF_PROTOCOL = "/perf/1.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(JsPeer.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final Thread shutdownHook;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonMap>> pending = new ConcurrentHashMap<>();
    private final List<JsonMap> events = new ArrayList<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<JsonMap> ready = new CompletableFuture<>();
    private volatile boolean closed;

    private JsPeer(Builder b) {
        this.name = b.name != null ? b.name : "js-peer-" + COUNTER.incrementAndGet();
        Path dir = jsPeerDir();
        List<String> cmd = new ArrayList<>();
        if (b.netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", b.netns));
        }
        cmd.addAll(List.of(nodeExecutable(), "peer.mjs"));
        for (String l : b.listen) {
            cmd.add("--listen");
            cmd.add(l);
        }
        if (b.privateKey != null) {
            cmd.add("--key");
            cmd.add(Base64.getEncoder().encodeToString(b.privateKey));
        }
        if (b.agentVersion != null) {
            cmd.add("--agent");
            cmd.add(b.agentVersion);
        }
        if (b.dhtMode != null) {
            cmd.add("--dht");
            cmd.add(b.dhtMode);
        }
        if (b.relayServer) {
            cmd.add("--relay-server");
        }
        if (b.relayDataLimit > 0) {
            cmd.add("--relay-data-limit");
            cmd.add(Long.toString(b.relayDataLimit));
        }
        if (b.relayClient) {
            cmd.add("--relay-client");
        }
        if (b.dcutr) {
            cmd.add("--dcutr");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(b.env);
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start '" + cmd.get(0) + "' (Node.js 20 or newer must be on the"
                    + " PATH, or named by -Dwirepunch.node=...): " + e.getMessage(), e);
        }
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, name + "-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        process.onExit().thenRun(this::failPending);
        startDaemon(name + "-stdout", this::readStdout);
        startDaemon(name + "-stderr", this::readStderr);
        try {
            ready.get(b.startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            String why = e instanceof TimeoutException ? "no ready line within " + b.startTimeout
                    : e instanceof ExecutionException ? e.getCause().getMessage() : "interrupted";
            close();
            throw new JsPeerException(name + " did not start: " + why + recentStderr(), e);
        }
        LOG.info("{} ready: {} {}", name, peerId(), addrs());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A js peer listening on an ephemeral loopback port, with a fresh identity. */
    public static JsPeer start() {
        return builder().start();
    }

    // ---- what the ready line said ----

    public String name() {
        return name;
    }

    /** The ready line: {@code event, peerId, publicKey (base64 protobuf), addrs, protocols, node}. */
    public JsonMap readyLine() {
        return ready.join();
    }

    public String peerId() {
        return readyLine().string("peerId");
    }

    /** Listen addresses, each ending in {@code /p2p/<peerId>}. */
    public List<String> addrs() {
        return readyLine().strings("addrs");
    }

    /** The first listen address, with {@code /p2p/<peerId>}. */
    public String addr() {
        return addrs().get(0);
    }

    // ---- commands ----

    /** Sends a command (its "cmd" key names it) and waits for the answer. */
    public JsonMap request(JsonMap command) {
        return request(command, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Sends a command and waits at most {@code timeout} for its answer.
     *
     * @throws JsPeerException when the answer carries "error", on timeout, or when the process died
     */
    public JsonMap request(JsonMap command, Duration timeout) {
        if (!command.has("cmd")) {
            throw new IllegalArgumentException("command without \"cmd\": " + command);
        }
        long id = nextId.getAndIncrement();
        long jsTimeout = Math.max(1, timeout.toMillis() - Math.min(1000, timeout.toMillis() / 10));
        JsonMap line = command.with("id", id).with("timeoutMs", command.has("timeoutMs")
                ? command.get("timeoutMs") : jsTimeout);
        CompletableFuture<JsonMap> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (!process.isAlive()) {
                throw new JsPeerException(name + " is not running (exit " + exitCode() + ")" + recentStderr());
            }
            synchronized (stdin) {
                stdin.write(line + "\n");
                stdin.flush();
            }
            JsonMap a = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (a.has("error")) {
                throw new JsPeerException(name + " " + command.get("cmd") + " failed: " + a.string("error"), a);
            }
            return a;
        } catch (IOException e) {
            throw new JsPeerException(name + ": cannot send " + command + ": " + e.getMessage() + recentStderr(), e);
        } catch (TimeoutException e) {
            throw new JsPeerException(name + ": no answer to " + command + " within " + timeout + recentStderr(), e);
        } catch (ExecutionException e) {
            throw new JsPeerException(name + ": " + e.getCause().getMessage() + recentStderr(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsPeerException(name + ": interrupted waiting for " + command, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Connects; answer: {@code peer} (remote peer id) and {@code connection} (see {@link #connections()}). */
    public JsonMap dial(String target) {
        return request(withTarget(JsonMap.of("cmd", "dial"), target));
    }

    /** Closes every connection to the target. */
    public void hangUp(String target) {
        request(withTarget(JsonMap.of("cmd", "hangup"), target));
    }

    /** One ping ({@code /ipfs/ping/1.0.0}); returns the round trip in milliseconds. */
    public long ping(String target) {
        return request(withTarget(JsonMap.of("cmd", "ping"), target)).longValue("rtt");
    }

    /**
     * Runs identify on the connection to the target (after the automatic one on connection open).
     * Answer: {@code peerId, agentVersion, protocolVersion, protocols (sorted), listenAddrs,
     * observedAddr, publicKey (base64 protobuf), signedPeerRecord {seq, addresses}}.
     */
    public JsonMap identify(String target) {
        return request(withTarget(JsonMap.of("cmd", "identify"), target));
    }

    /** What the js peer store holds about a peer: {@code protocols, addresses, agentVersion, protocolVersion}. */
    public JsonMap peerStore(String peerId) {
        return request(JsonMap.of("cmd", "peerstore", "peer", peerId));
    }

    /** Sends {@code data} on an echo stream, half-closes, returns what came back before the remote closed. */
    public byte[] echo(String target, byte[] data) {
        JsonMap a = request(withTarget(JsonMap.of("cmd", "echo", "data",
                Base64.getEncoder().encodeToString(data)), target));
        return Base64.getDecoder().decode(a.string("data"));
    }

    /**
     * Opens {@code streams} concurrent bulk streams on one connection, each sending {@code bytes}
     * pattern bytes and receiving the remote's. Answer: {@code ok, ms, multiplexer, streams: [{ok,
     * received, sha256, ms} or {ok:false, error}]}.
     */
    public JsonMap bulk(String target, int streams, long bytes, Duration timeout) {
        return request(withTarget(JsonMap.of("cmd", "bulk", "streams", streams, "bytes", bytes), target), timeout);
    }

    /**
     * The perf protocol as a client on a new connection: uploads {@code upload} bytes, downloads
     * {@code download}. Answer: {@code uploadBytes, downloadBytes, uploadSeconds, downloadSeconds,
     * seconds, connectSeconds}.
     */
    public JsonMap perf(String target, long upload, long download, Duration timeout) {
        return request(withTarget(JsonMap.of("cmd", "perf", "upload", upload, "download", download), target),
                timeout);
    }

    /** Open connections: {@code id, remotePeer, remoteAddr, direction, status, multiplexer, encryption, streams, relayed, limits}. */
    public List<JsonMap> connections() {
        return request(JsonMap.of("cmd", "connections")).maps("connections");
    }

    // ---- kad-dht (a peer started with Builder.dht) ----

    /**
     * Joins the DHT through the peer at {@code multiaddr}: dials it, waits until js admitted it to
     * the routing table, looks up its own id. Answer: {@code peer, closest: [{peer, addrs}], tableSize}.
     */
    public JsonMap dhtBootstrap(String multiaddr) {
        return request(JsonMap.of("cmd", "bootstrap", "ma", multiaddr));
    }

    /** Finds a peer through the network, never from the local peer store. Answer: {@code peer, addrs, from}. */
    public JsonMap findPeer(String peerId) {
        return request(JsonMap.of("cmd", "findPeer", "peer", peerId));
    }

    /** The peers closest to the key (raw DHT key bytes) that answered js's lookup, closest first: peer ids. */
    public List<String> closestPeers(byte[] key) {
        return request(JsonMap.of("cmd", "closestPeers", "key", Base64.getEncoder().encodeToString(key)))
                .maps("peers").stream().map(p -> p.string("peer")).toList();
    }

    /** Announces this peer as a provider of the CID (text form); returns the peers that took the record. */
    public List<String> provide(String cid) {
        return request(JsonMap.of("cmd", "provide", "cid", cid)).strings("sentTo");
    }

    /** At most {@code max} providers of the CID (text form), local first, then from the network: {@code peer, addrs, from}. */
    public List<JsonMap> findProviders(String cid, int max) {
        return request(JsonMap.of("cmd", "findProviders", "cid", cid, "max", max)).maps("providers");
    }

    /** The providers of the CID (text form) in this peer's own store: {@code peer, addrs, from}. */
    public List<JsonMap> localProviders(String cid) {
        return request(JsonMap.of("cmd", "findProviders", "cid", cid, "local", true)).maps("providers");
    }

    /**
     * Stores a value under a key (raw bytes; js validates the key's namespace, e.g. {@code /pk/}) on
     * the peers closest to it. Answer: {@code storedBy} (peer ids), {@code errors: [{peer, error}]}.
     */
    public JsonMap putValue(byte[] key, byte[] value) {
        return request(JsonMap.of("cmd", "putValue", "key", Base64.getEncoder().encodeToString(key),
                "value", Base64.getEncoder().encodeToString(value)));
    }

    /**
     * The best value under a key. Answer: {@code value} (base64), {@code from}, {@code answeredWithRecord}
     * (the peers whose answers carried a record).
     */
    public JsonMap getValue(byte[] key) {
        return request(JsonMap.of("cmd", "getValue", "key", Base64.getEncoder().encodeToString(key)));
    }

    /**
     * Offers a peer (whose address js knows, e.g. after a dial) to js's routing table, which admits it
     * when it answers a ping; returns whether it is in the table now.
     */
    public boolean tableAdd(String peerId) {
        return request(JsonMap.of("cmd", "tableAdd", "peer", peerId)).bool("added");
    }

    /** The peer ids in js's routing table. */
    public List<String> routingTable() {
        return request(JsonMap.of("cmd", "routingTable")).strings("peers");
    }

    // ---- circuit relay v2 (a peer started with Builder.relayServer / Builder.relayClient) ----

    /**
     * Reserves a slot on the relay at {@code relayAddr} (ending in {@code /p2p/<relay>}) by listening
     * on its {@code /p2p-circuit} address; answers once js holds the reservation and announces the
     * addresses through it. Answer: {@code relay, addrs} (our circuit addresses), {@code expire}
     * (seconds, as text), {@code reservationAddrs}, {@code voucher: {present, verified, problems,
     * relay, peer, expiration}} (checked on the js side), {@code connection} (to the relay).
     */
    public JsonMap reserve(String relayAddr) {
        return request(JsonMap.of("cmd", "reserve", "ma", relayAddr));
    }

    /** The reservations a relay peer holds: {@code peer, addr, expiry, limit: {duration, data}}. */
    public List<JsonMap> relayReservations() {
        return request(JsonMap.of("cmd", "relayReservations")).maps("reservations");
    }

    private static JsonMap withTarget(JsonMap cmd, String target) {
        Objects.requireNonNull(target, "target");
        return target.startsWith("/") ? cmd.with("ma", target) : cmd.with("peer", target);
    }

    // ---- events ----

    /** A snapshot of every event line so far, oldest first. */
    public List<JsonMap> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Events so far whose "event" is {@code type}. */
    public List<JsonMap> events(String type) {
        return events().stream().filter(e -> type.equals(e.get("event"))).toList();
    }

    /** Waits for the first event (past or future) of the given type that matches. */
    public JsonMap awaitEvent(String type, Predicate<JsonMap> match, Duration timeout) {
        return awaitEvents(type, match, 1, timeout).get(0);
    }

    /** Waits until {@code count} events of the type match; returns them. */
    public List<JsonMap> awaitEvents(String type, Predicate<JsonMap> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                List<JsonMap> found = events.stream()
                        .filter(e -> type.equals(e.get("event")) && match.test(e)).toList();
                if (found.size() >= count) {
                    return found.subList(0, count);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new JsPeerException(name + ": " + found.size() + " of " + count + " \"" + type
                            + "\" events within " + timeout + "; events: " + events + recentStderr());
                }
                try {
                    events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JsPeerException(name + ": interrupted waiting for " + type, e);
                }
            }
        }
    }

    // ---- process ----

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends "stop", waits {@link #STOP_GRACE} for the exit, then kills the process. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                try {
                    synchronized (stdin) {
                        stdin.write(JsonMap.of("cmd", "stop", "id", 0L) + "\n");
                        stdin.flush();
                        stdin.close();
                    }
                } catch (IOException ignored) {
                    // already gone: destroyed below
                }
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {}; killing it", name, STOP_GRACE);
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to
            }
            failPending();
        }
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    private void failPending() {
        JsPeerException gone = new JsPeerException(name + " exited (code " + exitCode() + ")" + recentStderr());
        ready.completeExceptionally(gone);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        synchronized (events) {
            events.notifyAll();
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonMap m;
                try {
                    m = JsonMap.parse(line);
                } catch (IllegalArgumentException e) {
                    LOG.warn("{} printed a line that is not JSON: {}", name, line);
                    continue;
                }
                if (m.has("event")) {
                    LOG.debug("{} event {}", name, line);
                    if ("ready".equals(m.get("event"))) {
                        ready.complete(m);
                    }
                    synchronized (events) {
                        events.add(m);
                        events.notifyAll();
                    }
                } else if (m.get("id") instanceof Number id) {
                    CompletableFuture<JsonMap> f = pending.get(id.longValue());
                    if (f != null) {
                        f.complete(m);
                    }
                } else {
                    LOG.warn("{}: {}", name, line);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("{} stdout: {}", name, e.toString());
            }
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                LOG.info("[{} stderr] {}", name, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_TAIL) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("{} stderr: {}", name, e.toString());
            }
        }
    }

    private String recentStderr() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "\n--- " + name + " stderr (last lines) ---\n"
                    + String.join("\n", stderrTail);
        }
    }

    private static void startDaemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    // ---- environment ----

    /**
     * The directory holding peer.mjs and an installed node_modules; fails with instructions when
     * the property is missing or {@code npm ci} has not been run.
     */
    public static Path jsPeerDir() {
        String prop = System.getProperty("wirepunch.jsPeerDir");
        if (prop == null || prop.isBlank()) {
            throw new IllegalStateException("system property wirepunch.jsPeerDir is not set (surefire sets it"
                    + " to core/src/test/js; set it when running tests elsewhere)");
        }
        Path dir = Path.of(prop).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("peer.mjs"))) {
            throw new IllegalStateException("no peer.mjs in " + dir + " (wirepunch.jsPeerDir)");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/libp2p/package.json"))) {
            throw new IllegalStateException("js-libp2p is not installed in " + dir
                    + ": run `npm ci` in core/src/test/js (mvn does so in generate-test-resources"
                    + " unless tests are skipped)");
        }
        return dir;
    }

    /** {@code -Dwirepunch.node=...}, else {@code $WIREPUNCH_NODE}, else {@code node} from the PATH. */
    public static String nodeExecutable() {
        String p = System.getProperty("wirepunch.node");
        if (p == null || p.isBlank()) {
            p = System.getenv("WIREPUNCH_NODE");
        }
        return p == null || p.isBlank() ? "node" : p;
    }

    // ---- the bulk pattern, shared with lib.mjs ----

    /** Bytes [offset, offset + length) of the bulk pattern: byte i is {@code i % 251}. */
    public static byte[] pattern(long offset, int length) {
        byte[] b = new byte[length];
        int v = (int) (offset % PATTERN_MODULUS);
        for (int i = 0; i < length; i++) {
            b[i] = (byte) v;
            if (++v == PATTERN_MODULUS) {
                v = 0;
            }
        }
        return b;
    }

    /** Lower-case hex SHA-256 of the first {@code n} pattern bytes, as the js peer reports it. */
    public static String patternSha256(long n) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int block = 64 * 1024;
            for (long off = 0; off < n; off += block) {
                md.update(pattern(off, (int) Math.min(block, n - off)));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options for {@link JsPeer}; {@link #start()} launches the process and waits for its ready line. */
    public static final class Builder {
        private final List<String> listen = new ArrayList<>();
        private byte[] privateKey;
        private String agentVersion;
        private String dhtMode;
        private boolean relayServer;
        private boolean relayClient;
        private long relayDataLimit;
        private boolean dcutr;
        private String netns;
        private String name;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final Map<String, String> env = new ConcurrentHashMap<>();

        private Builder() {
        }

        /** A listen multiaddr (repeatable); none means {@code /ip4/127.0.0.1/tcp/0}. */
        public Builder listen(String multiaddr) {
            listen.add(multiaddr);
            return this;
        }

        /** A libp2p-marshalled private key (the PrivateKey protobuf), fixing the peer id. */
        public Builder privateKey(byte[] marshalled) {
            this.privateKey = marshalled.clone();
            return this;
        }

        /** The agentVersion the peer announces in identify. */
        public Builder agentVersion(String agent) {
            this.agentVersion = agent;
            return this;
        }

        /**
         * Runs kad-dht ({@code /ipfs/kad/1.0.0}) in {@code "server"} or {@code "client"} mode, keeping
         * loopback addresses; without this the peer has no DHT.
         */
        public Builder dht(String mode) {
            this.dhtMode = mode;
            return this;
        }

        /**
         * Runs the circuit relay v2 hop service, granting reservations whose circuits may carry
         * {@code dataLimit} bytes (both directions together); 0 keeps the js peer's test default.
         */
        public Builder relayServer(long dataLimit) {
            this.relayServer = true;
            this.relayDataLimit = dataLimit;
            return this;
        }

        /** Adds the circuit relay v2 transport: dials {@code /p2p-circuit} addresses, reserves, accepts circuits. */
        public Builder relayClient() {
            this.relayClient = true;
            return this;
        }

        /** Adds the DCUtR service (@libp2p/dcutr): hole punching over relayed connections, in both roles. */
        public Builder dcutr() {
            this.dcutr = true;
            return this;
        }

        /** Runs the peer inside the network namespace {@code ns} ({@code ip netns exec}; needs root). */
        public Builder netns(String ns) {
            this.netns = ns;
            return this;
        }

        /** A name for log lines and errors. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** An environment variable for the node process, e.g. {@code DEBUG=libp2p:*} for js-libp2p's logs. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public JsPeer start() {
            return new JsPeer(this);
        }
    }
}
