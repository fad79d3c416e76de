package io.wirepunch.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.holepunch.HolePunchJson;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.measure.client.PunchSteps;
import io.wirepunch.core.measure.client.RelayedHold;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.perf.PerfResult;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One hole punch as punchr's client makes it: connect to the peer through its relay, let the peer
 * open DCUtR, answer it, and print the outcome record as one JSON line.
 */
@Command(name = "punch", description = {
    "Connect to a peer through its relay and let it punch a direct connection (DCUtR).",
    "Prints one JSON line with the outcome record; exits 0 only when the outcome is SUCCESS."})
public final class PunchCommand implements Callable<Integer> {
    /** How long the node waits to learn its observed address from the relay before going on without it. */
    static final Duration OBSERVED_WAIT = Duration.ofSeconds(5);
    /** How long the node waits for a UPnP mapping (discovery, then the mapping) before it goes on without one. */
    static final Duration UPNP_WAIT = Duration.ofSeconds(15);

    @Parameters(paramLabel = "MULTIADDR", description = "The peer through its relay: <relay>/p2p-circuit/p2p/<peer id>.")
    String target;

    @Option(names = "--listen", paramLabel = "MULTIADDR", defaultValue = CliSupport.DEFAULT_LISTEN,
            description = "Where to listen; the hole punch dials from this port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--key", paramLabel = "FILE", description = "Key file (default: a new key for this run).")
    Path keyFile;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the peer to start DCUtR before NO_STREAM (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--perf-bytes", paramLabel = "BYTES", defaultValue = "0",
            description = {"After SUCCESS, upload BYTES with the perf protocol over the relayed connection and then"
                    + " over the direct one, each after a warm-up of an eighth as much, and add relayPerfMBps and"
                    + " directPerfMBps (null where that connection is gone or the run fails, with the reason in"
                    + " perfErrors); the peer must serve perf (default: ${DEFAULT-VALUE}, none)."})
    long perfBytes;

    @Option(names = "--upnp", description = "Ask the router (UPnP IGD) to forward the --listen port first and advertise"
            + " the mapped address, so the peer can dial us directly (the JSON then has 'upnp').")
    boolean upnp;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        Multiaddr circuit = CliSupport.parseTarget(target);
        if (!circuit.isCircuit()) {
            throw new CliException("not an address through a relay (<relay>/p2p-circuit/p2p/<peer id>): " + target);
        }
        if (waitSeconds < 1 || waitSeconds > TimeUnit.HOURS.toSeconds(1)) {
            throw new CliException("--wait must be between 1 and 3600 seconds, not " + waitSeconds);
        }
        if (perfBytes < 0) {
            throw new CliException("--perf-bytes must not be negative");
        }
        Multiaddr relay = circuit.decapsulate(Protocol.P2P_CIRCUIT);
        if (relay.peerId().isEmpty()) {
            throw new CliException("the relay part must end in /p2p/<relay id>: " + relay);
        }
        PrivateKey key = CliSupport.loadOrGenerateKey(keyFile);
        var autonat = reachability.autonat();
        NodeOptions options = NodeOptions.defaults().withAutonat(autonat).withAutoRelay(AutoRelay.Mode.OFF)
                .withHolePunch(HolePunchConfig.defaults()
                        .withStreamWait(Duration.ofSeconds(waitSeconds)))
                .withUpnp(upnp);
        Node node = new Node(HostConfig.of(key, List.of(CliSupport.parseMultiaddr(listen))).withDialFromListenPort(true),
                options);
        try {
            CliSupport.await(node.start(), "could not start the node");
            String mapped = awaitUpnp(node);
            // The relay tells us how the NAT maps our listening port; CONNECT offers that address.
            node.host().connect(relay).toCompletableFuture().get(OBSERVED_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            PunchSteps.awaitObserved(node, OBSERVED_WAIT);
            RelayedHold hold = perfBytes > 0 ? new RelayedHold(node, circuit.peerId().orElseThrow()) : null;
            HolePunchRecord r;
            try {
                r = CliSupport.await(node.holePunch().punchThrough(circuit), "hole punch failed");
            } finally {
                if (hold != null) {
                    hold.stopWatching();
                }
            }
            ObjectNode json = HolePunchJson.toJson(r);
            if (upnp) {
                json.put("upnp", mapped);
            }
            if (hold != null && r.outcome() == HolePunchOutcome.SUCCESS) {
                // first, while the relayed connection is still there (see RelayedHold)
                perf(node, r, json, hold);
            }
            if (r.outcome() == HolePunchOutcome.SUCCESS || r.outcome() == HolePunchOutcome.CONNECTION_REVERSED) {
                json.put("directPingMs", PunchSteps.directPingMillis(node, r));
            }
            if (hold != null) {
                hold.release();
            }
            System.out.println(json);
            return r.outcome() == HolePunchOutcome.SUCCESS ? 0 : 1;
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("could not connect to the relay " + relay + ": "
                    + CommandErrors.sentence(e instanceof ExecutionException ? e.getCause() : e));
        } finally {
            node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits for the UPnP mapping when asked for one: the mapped address, or why there is none. */
    private String awaitUpnp(Node node) throws InterruptedException {
        if (node.upnp().isEmpty()) {
            return null;
        }
        try {
            return node.upnp().get().result().toCompletableFuture()
                    .get(UPNP_WAIT.toMillis(), TimeUnit.MILLISECONDS).externalMultiaddr().toString();
        } catch (ExecutionException e) {
            return "unavailable: " + CommandErrors.sentence(e.getCause());
        } catch (TimeoutException e) {
            return "unavailable: no answer from a gateway within " + UPNP_WAIT.toSeconds() + " s";
        }
    }

    /** A warm-up stream's share of {@code --perf-bytes}: JIT, buffers and windows, on each path before it counts. */
    private static final int PERF_WARM_UP_FRACTION = 8;
    private static final long PERF_TIMEOUT_SECONDS = 300;

    /**
     * Upload throughput over the relayed connection the hole punch started from, then over the direct
     * one it made: the same two peers, one after the other in one process. Relay first, since the
     * relayed connection is closed soon after the direct one is up; each path is warmed up first.
     */
    private void perf(Node node, HolePunchRecord r, ObjectNode json, RelayedHold hold) {
        json.put("perfBytes", perfBytes);
        ObjectNode errors = json.objectNode();
        putRate(json, "relayPerfMBps", node, open(node, r, true), "relay", errors);
        hold.release();
        putRate(json, "directPerfMBps", node, open(node, r, false), "direct", errors);
        json.set("perfErrors", errors);
    }

    private static Optional<Connection> open(Node node, HolePunchRecord r, boolean relayed) {
        return PunchSteps.openConnection(node, r.remote(), relayed);
    }

    private void putRate(ObjectNode json, String field, Node node, Optional<Connection> c, String path,
                         ObjectNode errors) {
        if (c.isEmpty()) {
            json.putNull(field);
            errors.put(path, "no open " + path + " connection to the peer");
            return;
        }
        try {
            upload(node, c.get(), Math.max(1, perfBytes / PERF_WARM_UP_FRACTION));
            json.put(field, Math.round(upload(node, c.get(), perfBytes) * 100) / 100.0);
        } catch (Exception e) {
            json.putNull(field);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            errors.put(path, CommandErrors.sentence(cause));
        }
    }

    private static double upload(Node node, Connection c, long bytes) throws Exception {
        PerfResult result = node.perf().measure(c, bytes, 0).toCompletableFuture()
                .get(PERF_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return result.uploadMBps();
    }
}
