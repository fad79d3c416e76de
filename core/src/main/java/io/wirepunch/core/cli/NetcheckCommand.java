package io.wirepunch.core.cli;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.upnp.NodeUpnp;
import io.wirepunch.core.nat.upnp.PortMappingException;
import io.wirepunch.core.nat.upnp.UpnpConfig;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.autonat.ReachabilitySnapshot;
import io.wirepunch.core.protocol.relay.RelayProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reachability diagnostics: how the peers given see us, and how far the relays among them are. */
@Command(name = "netcheck", mixinStandardHelpOptions = true, description = {
    "Connect to the given peers, wait for identify, run an AutoNAT probe and ping the relays among them; prints",
    "'reachability public|private|unknown (confidence N)', one 'observed <multiaddr> (<n> observers)' per observed address,",
    "'mapping endpoint-independent|endpoint-dependent|unknown', the UPnP port mapping of its listen port ('upnp gateway <name>',",
    "'upnp external-ip <ip>', 'upnp mapped <external> -> <internal> (lease N s)' or 'upnp unavailable: <reason>'; removed",
    "before exiting) and one 'relay <peer id> rtt <ms> ms' per relay."})
public final class NetcheckCommand implements Callable<Integer> {
    /** How often the wait for identify looks again. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** Pings per relay; the shortest round trip is printed, as the one least disturbed by the pinging itself. */
    static final int RTT_PINGS = 3;
    /** The longest netcheck waits for the UPnP mapping: the mapper's own bound on a whole mapping. */
    static final Duration UPNP_WAIT = UpnpConfig.defaults().mapDeadline();

    @Option(names = "--bootstrap", arity = "1..*", paramLabel = "MULTIADDR",
            description = "Peers to ask, each ending in /p2p/<peer id>; repeatable.")
    List<String> bootstrap = new ArrayList<>();

    @Option(names = "--peer", arity = "1..*", paramLabel = "MULTIADDR",
            description = "More peers to ask (relays among them are pinged), each ending in /p2p/<peer id>; repeatable.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "MULTIADDR",
            description = "Where AutoNAT servers dial us back (default: " + CliSupport.DEFAULT_LISTEN + ").")
    String listen = CliSupport.DEFAULT_LISTEN;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long connecting, identify and the probe may take together (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--no-upnp", description = "Do not ask the router for a UPnP port mapping.")
    boolean noUpnp;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new CliException("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        List<Multiaddr> targets = new ArrayList<>();
        bootstrap.forEach(t -> targets.add(CliSupport.parseTarget(t)));
        peers.forEach(t -> targets.add(CliSupport.parseTarget(t)));
        if (targets.isEmpty()) {
            throw new CliException("give at least one peer to ask with --bootstrap or --peer");
        }
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(CliSupport.parseMultiaddr(listen))),
                NodeOptions.defaults().withAutonat(reachability.autonat()).withUpnp(!noUpnp));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            node.start().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            List<Connection> connected = connectAll(node, targets, deadline);
            if (connected.isEmpty()) {
                throw new CliException("no peer answered (" + targets.size() + " tried)");
            }
            awaitIdentify(node, connected, deadline);
            probe(node, deadline);
            print(node.autonat().snapshot());
            if (node.upnp().isPresent()) {
                printUpnp(node.upnp().get());
            }
            for (Connection c : connected) {
                if (node.host().peerstore().protocols(c.remotePeer()).contains(RelayProtocol.HOP_ID)) {
                    System.out.printf(java.util.Locale.ROOT, "relay %s rtt %.3f ms%n", c.remotePeer(),
                            NetcheckReport.bestRtt(node, c, RTT_PINGS).toNanos() / 1e6);
                }
            }
            System.out.flush();
            return 0;
        } finally {
            node.stop().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    private static List<Connection> connectAll(Node node, List<Multiaddr> targets, long deadline) throws InterruptedException {
        var attempts = targets.stream().map(t -> node.host().connect(t).toCompletableFuture()).toList();
        List<Connection> connected = new ArrayList<>();
        for (var attempt : attempts) {
            try {
                connected.add(attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // an unreachable peer tells nothing about us; the others may
            }
        }
        return connected;
    }

    private static void awaitIdentify(Node node, List<Connection> connected, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline && connected.stream()
                .anyMatch(c -> node.host().peerstore().protocols(c.remotePeer()).isEmpty())) {
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** One AutoNAT round within the time left; a round that does not finish leaves reachability as it is. */
    private static void probe(Node node, long deadline) throws InterruptedException {
        try {
            node.autonat().probeNow().toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported as what the snapshot holds
        }
    }

    /** Waits for the mapping (started with the node, so mostly done by now) within the mapper's own limits. */
    private static void printUpnp(NodeUpnp upnp) throws InterruptedException {
        Throwable error = null;
        try {
            upnp.result().toCompletableFuture().get(UPNP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            error = e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            error = new PortMappingException("no answer within " + UPNP_WAIT.toMillis() + " ms");
        }
        for (String line : NetcheckReport.upnpLines(upnp.mapper().state(), error)) {
            System.out.println(line);
        }
    }

    private static void print(ReachabilitySnapshot snap) {
        for (String line : NetcheckReport.lines(snap)) {
            System.out.println(line);
        }
    }
}
