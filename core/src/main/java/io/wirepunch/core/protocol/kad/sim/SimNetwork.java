package io.wirepunch.core.protocol.kad.sim;

import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadProtocol;
import io.wirepunch.core.protocol.kad.KadRequestHandler;
import io.wirepunch.core.protocol.kad.dht.DhtRequestHandler;
import io.wirepunch.core.protocol.kad.dht.Lookup;
import io.wirepunch.core.protocol.kad.dht.PeerQuerier;
import io.wirepunch.core.protocol.kad.records.InboundQueryLimiter;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RecordValidator;
import io.wirepunch.core.protocol.kad.records.ValueStore;
import io.wirepunch.core.protocol.kad.routing.KadId;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A Kademlia network in memory. Every node has a real {@link RoutingTable} and answers with a real
 * {@link DhtRequestHandler}; requests and answers cross a {@link SimWire} in their encoded form.
 * Nodes join as they would over sockets: a newcomer pings a few existing nodes, admits those that
 * answer, and looks up its own id with the real {@link Lookup}; a node that receives a query from a
 * peer it does not know pings it and admits it when it answers, as the DHT does for every peer
 * that identify shows speaking kad. Nothing fills a table from outside.
 *
 * <p>Nothing moves until {@link #await} or {@link #settle} works the requests in flight off, in the
 * order they were sent, on the caller's thread; one seed gives the same network and the same lookups
 * every time, as long as no node is {@link SimNode.Behaviour#SILENT} (silent nodes are given up on
 * by real timeouts, on a timer thread). One thread at a time drives the network.
 */
public final class SimNetwork {
    /** Existing nodes a newcomer is given to join through, as a configured bootstrap list would. */
    public static final int BOOTSTRAP_PEERS = 3;
    /** Every node gets its own IPv4 /24 in 11.0.0.0 to 99.255.255.0, so the diversity limit counts them apart. */
    public static final int MAX_NODES = (100 - 11) * 65_536;
    private static final int SHA2_256_PEER_ID_BYTES = 34;
    private static final int SHA2_256_CODE = 0x12;
    private static final int SHA2_256_LENGTH = 32;
    private static final int FIRST_OCTET = 11;
    private static final int PORT = 4001;

    private final RoutingTableConfig config;
    private final SplittableRandom random;
    private final SimClock clock = new SimClock();
    private final SimWire wire = new SimWire(clock);
    private final List<SimNode> nodes = new ArrayList<>();
    // Read by timer threads too, when a lookup gives up on a silent node.
    private final Map<PeerId, SimNode> byId = new ConcurrentHashMap<>();

    /** An empty network whose nodes use the default routing table limits. */
    public SimNetwork(long seed) {
        this(seed, RoutingTableConfig.defaults());
    }

    public SimNetwork(long seed, RoutingTableConfig config) {
        this.config = config;
        this.random = new SplittableRandom(seed);
    }

    /** A network of {@code size} nodes that joined one after another. */
    public static SimNetwork build(int size, long seed) {
        SimNetwork network = new SimNetwork(seed);
        network.grow(size);
        return network;
    }

    public void grow(int count) {
        for (int i = 0; i < count; i++) {
            join();
        }
    }

    /**
     * Adds a node that joins through up to {@link #BOOTSTRAP_PEERS} random existing nodes: it admits
     * those that answer a PING, then looks up its own id. The first node has nobody to join through.
     */
    public SimNode join() {
        if (nodes.size() >= MAX_NODES) {
            throw new IllegalStateException("a simulated network holds at most " + MAX_NODES + " nodes");
        }
        List<SimNode> bootstrap = pickBootstrap();
        SimNode node = newNode();
        List<CompletableFuture<Boolean>> pings = bootstrap.stream().map(peer -> ping(node, peer)).toList();
        await(CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)));
        for (int i = 0; i < bootstrap.size(); i++) {
            if (pings.get(i).join()) {
                node.table().peerAnsweredQuery(bootstrap.get(i).peerId(), List.of(bootstrap.get(i).address()));
            }
        }
        if (node.table().size() > 0) {
            await(lookupFrom(node).closestPeers(node.peerId().toBytes()));
        }
        settle();
        return node;
    }

    /**
     * Runs the network until {@code stage} completes (nothing runs on its own) and returns its result,
     * or throws its failure as {@link CompletableFuture#join} does. Requests still in flight then stay
     * queued; {@link #settle} delivers them.
     */
    public <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> done = stage.toCompletableFuture();
        done.whenComplete((result, error) -> wire.wakeUp());
        while (!done.isDone()) {
            wire.deliverNext();
        }
        return done.join();
    }

    /** Delivers every request in flight and every request their answers set off; silent nodes' stay unanswered. */
    public void settle() {
        while (wire.deliverPending()) {
            // each delivery may queue more
        }
    }

    public int size() {
        return nodes.size();
    }

    public SimNode node(int index) {
        return nodes.get(index);
    }

    public Optional<SimNode> node(PeerId peer) {
        return Optional.ofNullable(byId.get(peer));
    }

    public List<SimNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** How {@code requester}'s lookups ask other nodes: over the wire. */
    public PeerQuerier querierFor(SimNode requester) {
        return (peer, request) -> {
            SimNode asked = node(peer).orElseThrow(() -> new IllegalArgumentException(peer + " is not in the network"));
            return wire.request(requester, asked, request);
        };
    }

    /** A lookup run by {@code requester} with the default timeouts. */
    public Lookup lookupFrom(SimNode requester) {
        return new Lookup(requester.peerId(), requester.table(), querierFor(requester), SimNetwork::ignore);
    }

    /** Requests sent so far, PINGs included; each has at most one answer. */
    public long messages() {
        return wire.messages();
    }

    /** Bytes carried so far, both ways. */
    public long bytes() {
        return wire.bytes();
    }

    /** A peer id as a large key's would be: the sha2-256 multihash of {@code random} bytes. */
    public static PeerId randomPeerId(RandomGenerator random) {
        byte[] bytes = new byte[SHA2_256_PEER_ID_BYTES];
        bytes[0] = SHA2_256_CODE;
        bytes[1] = SHA2_256_LENGTH;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return PeerId.fromBytes(bytes);
    }

    private List<SimNode> pickBootstrap() {
        List<SimNode> picked = new ArrayList<>(BOOTSTRAP_PEERS);
        int wanted = Math.min(BOOTSTRAP_PEERS, nodes.size());
        while (picked.size() < wanted) {
            SimNode candidate = nodes.get(random.nextInt(nodes.size()));
            if (!picked.contains(candidate)) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    private SimNode newNode() {
        PeerId id = randomPeerId(random);
        while (byId.containsKey(id)) {
            id = randomPeerId(random);
        }
        int n = nodes.size();
        Multiaddr address = Multiaddr.parse("/ip4/" + (FIRST_OCTET + n / 65_536) + "." + (n / 256 % 256) + "."
                + (n % 256) + ".1/tcp/" + PORT);
        PeerId self = id;
        RoutingTable table = new RoutingTable(KadId.of(id), config, entry -> ping(byId.get(self), entry.peerId()),
                clock, random.split());
        SimNode node = new SimNode(id, address, table);
        // As a node's Dht builds it: the public DHT's (no work bits), naming this node to whoever looks it up.
        DhtRequestHandler handler = new DhtRequestHandler(table, new Peerstore(clock), new ProviderStore(clock),
                new ValueStore(clock, new RecordValidator()), new InboundQueryLimiter(clock), WorkRequirement.NONE,
                Optional.of(node::kadPeer));
        node.answerWith(admitting(node, handler));
        nodes.add(node);
        byId.put(id, node);
        return node;
    }

    /**
     * The node's handler, plus what its DHT does when a peer it does not know queries it: ping the peer
     * and admit it when it answers. PINGs themselves admit nobody, as liveness checks must not recurse.
     */
    private KadRequestHandler admitting(SimNode node, DhtRequestHandler handler) {
        return (from, request) -> {
            CompletionStage<Optional<KadMessage>> answer = handler.handle(from, request);
            if (request.type() != KadMessage.Type.PING && node.table().find(from).isEmpty()) {
                node(from).ifPresent(requester -> ping(node, requester.peerId()).thenAccept(alive -> {
                    if (alive) {
                        node.table().peerAnsweredQuery(requester.peerId(), List.of(requester.address()));
                    }
                }));
            }
            return answer;
        };
    }

    private CompletableFuture<Boolean> ping(SimNode from, PeerId peer) {
        return node(peer).map(to -> ping(from, to))
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    private CompletableFuture<Boolean> ping(SimNode from, SimNode to) {
        return wire.request(from, to, KadMessage.ping()).toCompletableFuture()
                .orTimeout(KadProtocol.REQUEST_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
                .handle((answer, error) -> error == null);
    }

    private static void ignore(KadPeer learned) {
        // Addresses travel in the answers and tables; a simulated node has no dialler to tell.
    }
}
