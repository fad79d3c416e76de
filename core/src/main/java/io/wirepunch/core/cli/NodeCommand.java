package io.wirepunch.core.cli;

import io.wirepunch.core.control.ControlException;
import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.engine.EngineAlreadyRunningException;
import io.wirepunch.core.engine.UserNode;
import io.wirepunch.core.holepunch.HolePunchEvent;
import io.wirepunch.core.holepunch.HolePunchJson;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.upnp.NodeUpnp;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import sun.misc.Signal;

/** Runs a headless node until SIGTERM or SIGINT. */
@Command(name = "node", mixinStandardHelpOptions = true, description = {
    "Run a headless node; prints one 'listen <multiaddr>/p2p/<peer id>' line per address,"
            + " and one 'holepunch <json>' line per hole punch with its outcome record.",
    "With --bootstrap or --dht it takes part in a DHT and, once the bootstrap lookup is done, prints 'dht joined <n> peers'.",
    "With --relay-service it relays for others; with --relay it keeps a reservation on a relay and prints"
            + " 'listen <relay>/p2p-circuit/p2p/<peer id>' once reserved; --auto-relay picks relays itself.",
    "With --upnp it asks the router to forward its first IPv4 TCP port and prints 'upnp mapped <multiaddr>'"
            + " or 'upnp unavailable: <reason>'."})
public class NodeCommand implements Callable<Integer> {
    /** Prints {@code line} once the listen lines are out, so they always come first. */
    private static void printAfterListen(CountDownLatch listening, String line) {
        try {
            listening.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE", description = "Key file (default: a new key for this run).")
    Path keyFile;

    @Option(names = "--listen", paramLabel = "MULTIADDR",
            description = "Address to listen on, repeatable (default: " + CliSupport.DEFAULT_LISTEN + ").")
    List<String> listen = List.of();

    @Option(names = "--no-perf", description = "Do not serve the perf protocol.")
    boolean noPerf;

    @Option(names = "--dht", paramLabel = "MODE", converter = DhtModeConverter.class,
            description = "Take part in the DHT as 'server' (answers queries, enters others' routing tables) or"
                    + " 'client' (only asks). Default: server when --bootstrap is given; without --bootstrap and"
                    + " --dht no DHT runs (a first node of a network gives --dht server alone).")
    Dht.Mode dhtMode;

    @Option(names = "--dht-table", paramLabel = "FILE",
            description = "Save the DHT's routing table to FILE when the node stops, and rejoin through the peers"
                    + " saved there when it starts (default: nothing saved). Needs --dht or --bootstrap.")
    Path dhtTable;

    @Option(names = "--upnp", description = "Ask the router (UPnP IGD) to forward the first IPv4 TCP listen port,"
            + " announce the public address, and remove the mapping on exit.")
    boolean upnp;

    @Mixin
    DhtNetworkOptions dhtOptions;

    @Mixin
    RelayOptions relayOptions;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        PrivateKey key = loadKey();
        List<Multiaddr> addrs = (listen.isEmpty() ? List.of(CliSupport.DEFAULT_LISTEN) : listen).stream()
                .map(CliSupport::parseMultiaddr).toList();
        Optional<DhtSettings> dht = dhtSettings();
        dht.ifPresent(s -> DhtNetworkOptions.warnIfKeyLacksWork(spec, key, s.config().work()));
        List<Multiaddr> relays = relayOptions.relayAddrs();
        NodeOptions options = NodeOptions.defaults().withPerf(!noPerf).withDht(dht)
                .withAutonat(reachability.autonat())
                .withRelayService(relayOptions.serviceSettings())
                .withRelays(relays)
                .withAutoRelay(relayOptions.autoRelay)
                .withUpnp(upnp);
        Node node = new Node(HostConfig.of(key, addrs).withDialFromListenPort(true), options);
        CountDownLatch listening = new CountDownLatch(1);
        node.relayClient().subscribe(new RelayListenLines(node, relays, listening));
        if (dht.isPresent() && (!dht.get().config().bootstrapPeers().isEmpty() || dhtTable != null)) {
            node.onDhtBootstrap(state -> reportBootstrap(node, dht.get(), state, listening));
        }
        node.holePunch().subscribe(e -> {
            if (e instanceof HolePunchEvent.Finished f) {
                printAfterListen(listening, "holepunch " + HolePunchJson.line(f.record()));
            }
        });
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Optional<Path> controlSocket = servesControl() ? Optional.of(ControlSocket.defaultPath()) : Optional.empty();
        UserNode running;
        try {
            running = UserNode.start(node, userConfig(), controlSocket, stop::countDown, Clock.systemUTC());
        } catch (EngineAlreadyRunningException e) {
            throw new CliException(e.getMessage() + "; stop it with 'wirepunch down'");
        } catch (ControlException | IOException e) {
            throw new CliException(e.getMessage());
        }
        running.services().ifPresent(s -> s.problems().forEach(p -> System.err.println("up: warning: " + p)));
        running.controlSocket().ifPresent(p -> System.out.println("control " + p));
        for (Multiaddr a : node.host().listenAddrs()) {
            System.out.println("listen " + a.withPeerId(node.host().peerId()));
        }
        System.out.flush();
        listening.countDown();
        node.upnp().ifPresent(u -> u.result().whenComplete((m, e) -> {
            System.out.println(NodeUpnp.reportLine(m, e));
            System.out.flush();
        }));
        stop.await();
        running.stop();
        return 0;
    }

    /** The node's key: {@code --key}, or a new one for this run. */
    protected PrivateKey loadKey() throws Exception {
        return CliSupport.loadOrGenerateKey(keyFile);
    }

    /** The configuration directory of the user's networks and port forwards; {@code node} has none. */
    protected Optional<Path> userConfig() {
        return Optional.empty();
    }

    /** Whether this command also serves the control API ({@code up} does, {@code node} does not). */
    protected boolean servesControl() {
        return false;
    }

    /**
     * Each join prints {@code dht joined <n> peers}; each streak of failed attempts one warning (the
     * DHT keeps trying in the background). A node with neither --bootstrap nor --dht-table is a
     * network's first and says nothing: it has nobody to join until others join it.
     */
    private void reportBootstrap(Node node, DhtSettings dht, BootstrapState state, CountDownLatch listening) {
        try {
            listening.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        switch (state.status()) {
            case JOINED -> {
                System.out.println("dht joined " + node.dht().orElseThrow().table().size() + " peers");
                System.out.flush();
            }
            case NO_PEER_REACHABLE -> CliSupport.warn(spec, "could not join the DHT: "
                    + DhtNetworkOptions.noPeerAnswered(dht) + "; retrying in the background");
            case JOINING -> { }
        }
    }

    /** A DHT runs when --bootstrap or --dht asks for one; its other options alone are a mistake worth naming. */
    private Optional<DhtSettings> dhtSettings() {
        boolean bootstrapGiven = !dhtOptions.bootstrap.isEmpty();
        if (dhtMode == null && !bootstrapGiven) {
            if (dhtOptions.anyGiven() || dhtTable != null) {
                throw new CliException("--kad-protocol, --workbits, --namespace, --max-peers-per-network and"
                        + " --dht-table only apply with --dht or --bootstrap");
            }
            return Optional.empty();
        }
        DhtSettings settings = dhtOptions.settings(dhtMode == null ? Dht.Mode.SERVER : dhtMode);
        return Optional.of(dhtTable == null ? settings
                : new DhtSettings(settings.config().withTableFile(dhtTable), settings.mode()));
    }

    /** {@code server} or {@code client}, as libp2p names the two DHT modes. */
    static final class DhtModeConverter implements CommandLine.ITypeConverter<Dht.Mode> {
        @Override
        public Dht.Mode convert(String value) {
            for (Dht.Mode mode : Dht.Mode.values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return mode;
                }
            }
            throw new CommandLine.TypeConversionException("expected server or client, not '" + value + "'");
        }
    }
}
