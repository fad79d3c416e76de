package io.wirepunch.core.measure.honeypot;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.dcutr.DcutrProtocol;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A DHT server node that attracts peers behind NATs: peers running the DHT in client mode connect
 * to servers they find, and identify tells the honeypot their agent, protocols and listen
 * addresses. Every inbound peer it identifies is recorded as a sighting in the
 * {@link MeasurementStore}, which keeps the candidates for hole punching: peers that speak
 * {@code /libp2p/dcutr} and can be reached only through relays ({@link #isCandidate}).
 */
public final class Honeypot implements AutoCloseable {
    /** How long {@link #close()} waits for the node to stop. */
    static final long STOP_SECONDS = 15;

    private final Node node;
    private final SightingRecorder recorder;

    /** A honeypot on {@code node}, whose DHT must run in server mode (see {@link #nodeOptions}). */
    public Honeypot(Node node, MeasurementStore store, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        if (node.dht().isEmpty()) {
            throw new IllegalArgumentException("a honeypot needs a node with a DHT in server mode");
        }
        this.recorder = new SightingRecorder(store, clock);
    }

    /** What a honeypot's node runs: the DHT in server mode, no relay reservations of its own. */
    public static NodeOptions nodeOptions(DhtSettings dht) {
        if (dht.mode() != Dht.Mode.SERVER) {
            throw new IllegalArgumentException("a honeypot's DHT runs in server mode, not " + dht.mode());
        }
        return NodeOptions.defaults().withDht(dht).withAutoRelay(AutoRelay.Mode.OFF);
    }

    /** A honeypot on a new node with {@code host}'s key and listen addresses. */
    public static Honeypot create(HostConfig host, DhtSettings dht, MeasurementStore store) {
        return new Honeypot(new Node(host, nodeOptions(dht)), store, host.clock());
    }

    /** Starts recording, then the node (which joins the DHT in the background). */
    public CompletionStage<Void> start() {
        recorder.watch(node.host(), true);
        return node.start();
    }

    public Node node() {
        return node;
    }

    /** Sightings the store took, dropped and refused so far. */
    public SightingRecorder recorder() {
        return recorder;
    }

    /** Stops the node, then lets the queued sightings reach the store. */
    @Override
    public void close() throws Exception {
        try {
            node.stop().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
        } finally {
            recorder.close();
        }
    }

    /**
     * Whether a peer is worth hole punching: it speaks {@code /libp2p/dcutr}, has at least one relay
     * address, and no direct address reachable from the Internet (a public IP, or a DNS name).
     * Private, loopback and other local direct addresses do not count against it: peers behind NATs
     * announce them too.
     */
    public static boolean isCandidate(Collection<String> protocols, List<Multiaddr> addrs) {
        return isCandidate(protocols, addrs, PublicRanges.NONE);
    }

    /** {@link #isCandidate(Collection, List)} with extra ranges counted as public (a testbed's). */
    public static boolean isCandidate(Collection<String> protocols, List<Multiaddr> addrs, PublicRanges publicRanges) {
        if (!protocols.contains(DcutrProtocol.ID)) {
            return false;
        }
        boolean relayed = false;
        for (Multiaddr a : addrs) {
            if (a.isCircuit()) {
                relayed = true;
            } else if (reachableDirectly(a, publicRanges)) {
                return false;
            }
        }
        return relayed;
    }

    private static boolean reachableDirectly(Multiaddr a, PublicRanges publicRanges) {
        if (a.components().isEmpty()) {
            return false;
        }
        Component first = a.components().get(0);
        return switch (first.protocol()) {
            case IP4, IP6 -> {
                try {
                    yield publicRanges.isPublic(InetAddress.getByAddress(first.value()));
                } catch (UnknownHostException e) {
                    yield false;
                }
            }
            case DNS, DNS4, DNS6, DNSADDR -> true;
            default -> false;
        };
    }
}
