package io.wirepunch.core.engine;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import io.wirepunch.core.transport.EventLoops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code wirepunch --demo}: the user's engine on a network of real nodes on loopback, so that every
 * view fills with real protocol runs. A bootstrap node starts the DHT, which the relay and the engine
 * join; the engine (itself a relay too) reserves on the relay; {@link #PEERS} peers, outside the DHT
 * as peers behind NATs are, reserve there as well and connect to the engine through the relay,
 * where DCUtR moves them to direct connections, except the last, which offers no address it counts
 * as public and so stays relayed. The second peer then reaches the first through the engine's own
 * relay service, so that the engine relays for others as well. Everything lives in a temporary directory and
 * no control socket is served, so the user's own node is never disturbed. All its nodes, the
 * engine's too when {@link #create()} makes it, run on one set of event loops, which the demo
 * owns and closes after them.
 */
public final class DemoNetwork {
    /** Peers besides the bootstrap node and the relay. */
    public static final int PEERS = 3;
    /** On loopback, which the demo counts as public so that observed addresses are dialable. */
    public static final PublicRanges LOOPBACK_PUBLIC = PublicRanges.parse("127.0.0.0/8");
    static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    /** Local work: a start, a reservation, a connection, an observed address. */
    static final Duration SETTLE = Duration.ofSeconds(20);
    /** I/O threads all the demo's nodes share: they move little data, all of it on loopback. */
    public static final int IO_THREADS = 2;

    private final Path dir;
    private final DemoNodes nodes;
    private final Node bootstrap;
    private final Node relay;
    private final Engine engine;
    private final List<Node> peers = new ArrayList<>();

    private DemoNetwork(Path dir, DemoNodes nodes, Node bootstrap, Node relay, Engine engine) {
        this.dir = dir;
        this.nodes = nodes;
        this.bootstrap = bootstrap;
        this.relay = relay;
        this.engine = engine;
    }

    /** Starts the bootstrap node and the relay and builds the engine, not yet started, on the system's time. */
    public static DemoNetwork create() throws Exception {
        return build(Optional.empty());
    }

    /**
     * As {@link #create()}, with the engine made by {@code engines}, e.g. on a test's time (that
     * engine's node runs on loops of its own).
     */
    public static DemoNetwork create(Function<EngineSettings, Engine> engines) throws Exception {
        return build(Optional.of(engines));
    }

    /** Made by {@code engines}, or none: an engine on the demo's loops. */
    private static DemoNetwork build(Optional<Function<EngineSettings, Engine>> engines) throws Exception {
        EventLoops loops = EventLoops.create(false, IO_THREADS);
        Path dir;
        try {
            dir = Files.createTempDirectory("wirepunch-demo");
        } catch (IOException | RuntimeException e) {
            loops.close();
            throw e;
        }
        DemoNodes nodes = new DemoNodes(loops);
        Function<EngineSettings, Engine> make = engines.orElse(s -> new Engine(s, loops));
        try {
            Node bootstrap = nodes.start(DemoNodes.options(true).withDht(DemoNodes.dht(List.of())));
            Node relay = nodes.start(DemoNodes.options(true).withDht(DemoNodes.dht(List.of(DemoNodes.addr(bootstrap))))
                    .withRelayService(new RelayServiceSettings(RelayConfigFile.DEFAULTS, dir.resolve("relay"))));
            EngineSettings settings = EngineSettings.forUser(dir.resolve("config")).withListen(List.of(LOOPBACK))
                    .withBootstrap(List.of(DemoNodes.addr(bootstrap)))
                    .withRelays(List.of(DemoNodes.addr(relay)), AutoRelay.Mode.OFF)
                    .withRelayService(Optional.of(RelayConfigFile.DEFAULTS))
                    .withPublicRanges(LOOPBACK_PUBLIC).withControlSocket(Optional.empty()).asDemo();
            return new DemoNetwork(dir, nodes, bootstrap, relay, make.apply(settings));
        } catch (Exception e) {
            nodes.close();
            deleteTree(dir);
            throw e;
        }
    }

    public Engine engine() {
        return engine;
    }

    /** The demo's other nodes: the bootstrap node, the relay, then the peers. */
    public List<Node> others() {
        List<Node> all = new ArrayList<>(List.of(bootstrap, relay));
        synchronized (peers) {
            all.addAll(peers);
        }
        return all;
    }

    /** Starts the engine, then the peers one by one, each connecting to it through the relay. */
    public CompletionStage<Void> start() {
        return engine.start().thenRunAsync(this::startPeers);
    }

    private void startPeers() {
        try {
            Node self = engine.node().orElseThrow();
            DemoNodes.await(() -> self.relayClient().reservation(relay.host().peerId()).isPresent(), SETTLE);
            for (int i = 0; i < PEERS; i++) {
                boolean last = i == PEERS - 1;
                // Outside the DHT, as peers behind NATs are to the engine: reached through the relay only.
                Node peer = nodes.start(DemoNodes.options(!last).withRelays(List.of(DemoNodes.addr(relay))));
                synchronized (peers) {
                    peers.add(peer);
                }
                DemoNodes.await(() -> peer.relayClient().reservation(relay.host().peerId()).isPresent(), SETTLE);
                if (!last) {
                    DemoNodes.await(() -> !peer.autonat().snapshot().observed().isEmpty(), SETTLE);
                }
                connectThrough(relay, peer, self);
            }
            Node first = peers.get(0);
            DemoNodes.get(first.relayClient().keepReserved(DemoNodes.addr(self)));
            connectThrough(self, peers.get(1), first);
        } catch (Exception e) {
            throw new IllegalStateException("the demo network could not start: " + e.getMessage(), e);
        }
    }

    /** {@code from} connects to {@code to} through {@code via}; returns once the hole punch that follows ended. */
    private static void connectThrough(Node via, Node from, Node to) throws Exception {
        Multiaddr circuit = DemoNodes.addr(via).encapsulate("/p2p-circuit").withPeerId(to.host().peerId());
        DemoNodes.get(from.host().connect(circuit));
        DemoNodes.await(() -> to.holePunch().history().records().stream()
                .anyMatch(r -> r.remote().equals(from.host().peerId())), SETTLE);
    }

    /** Stops the engine and every node, then removes the temporary directory. */
    public CompletionStage<Void> stop() {
        return engine.stop().handle((v, e) -> e).thenAcceptAsync(engineError -> {
            nodes.close();
            deleteTree(dir);
            if (engineError != null) {
                throw new IllegalStateException("the demo engine did not stop cleanly", engineError);
            }
        });
    }

    /** The temporary directory everything lives in. */
    public Path directory() {
        return dir;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is the system's to clean
        }
    }

    /** Real nodes on loopback for the demo, and the waits of setting them up. */
    static final class DemoNodes {
        private final List<Node> started = new ArrayList<>();
        private final EventLoops loops;

        /** Nodes on a set of loops of their own. */
        DemoNodes() {
            this(EventLoops.create(false, IO_THREADS));
        }

        /** Nodes on {@code loops}, which {@link #close()} closes after them. */
        DemoNodes(EventLoops loops) {
            this.loops = loops;
        }

        /** Without UPnP and automatic relays; {@code loopbackPublic}: its loopback addresses count as public. */
        static NodeOptions options(boolean loopbackPublic) {
            PublicRanges ranges = loopbackPublic ? LOOPBACK_PUBLIC : PublicRanges.NONE;
            EngineSettings base = EngineSettings.forUser(Path.of(".")).withBootstrap(List.of()).withPublicRanges(ranges)
                    .asDemo();
            return base.nodeOptions().withAutoRelay(AutoRelay.Mode.OFF).withRelays(List.of());
        }

        /** A DHT server that joins through {@code bootstrap}; none: the network's first node. */
        static Optional<DhtSettings> dht(List<Multiaddr> bootstrap) {
            return Optional.of(new DhtSettings(EngineSettings.dhtConfig(bootstrap, true), Dht.Mode.SERVER));
        }

        synchronized Node start(NodeOptions options) throws Exception {
            Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)).withDialFromListenPort(true)
                    .withEventLoops(loops), options);
            started.add(node);
            get(node.start());
            return node;
        }

        static Multiaddr addr(Node node) {
            return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
        }

        static <T> T get(CompletionStage<T> stage) throws Exception {
            return stage.toCompletableFuture().get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }

        static void await(java.util.function.BooleanSupplier condition, Duration wait) throws Exception {
            long until = System.nanoTime() + wait.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > until) {
                    throw new java.util.concurrent.TimeoutException("not ready after " + wait.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        }

        /** Stops the nodes, the latest first, then closes the loops they shared. */
        synchronized void close() {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    get(started.get(i).stop());
                } catch (Exception e) {
                    // the others still stop
                }
            }
            started.clear();
            loops.close();
        }
    }
}
