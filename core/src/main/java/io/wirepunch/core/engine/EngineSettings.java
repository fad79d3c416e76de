package io.wirepunch.core.engine;

import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.files.UserDirs;
import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.node.RelayServiceSettings;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.kad.dht.DhtConfig;
import io.wirepunch.core.protocol.kad.routing.RoutingTableConfig;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.protocol.relay.usage.RelayConfigFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user's node runs, as the app's settings say it: start from {@link #forUser} and change
 * what differs with the withers.
 *
 * @param configDir the key, the networks and the open invitations, the relay's usage files under
 *     {@link UserFiles#RELAY_DIR}, local measurement results under {@link UserFiles#MEASURE_DIR}
 * @param listen the addresses to listen on
 * @param bootstrap the DHT peers to join through; none: no DHT
 * @param relayService the relay service's limits, or none: the node does not relay for others
 * @param relays relays to keep a reservation on, each ending in {@code /p2p/<relay>}
 * @param autoRelay when reservations are made on relays the node finds itself
 * @param measurement the measurement rounds run while participating (to a server, or kept on this machine), or none
 * @param upnp whether the router is asked to forward the first IPv4 TCP port
 * @param publicRanges ranges that count as public, for a testbed; a range holding a loopback address
 *     means every node runs on this one host
 * @param controlSocket where the control API listens ({@code wirepunch show} and the rest), or none
 * @param demo whether this is the local demo network, which the snapshot says; its hole punches skip the
 *     one-sided direct dial
 */
public record EngineSettings(Path configDir, List<Multiaddr> listen, List<Multiaddr> bootstrap,
                             Optional<RelayConfigFile> relayService, List<Multiaddr> relays, AutoRelay.Mode autoRelay,
                             Optional<MeasurementSettings> measurement, boolean upnp, PublicRanges publicRanges,
                             Optional<Path> controlSocket, boolean demo) {
    /** Any interface, a port of its own, IPv4 and IPv6. */
    public static final List<Multiaddr> DEFAULT_LISTEN = List.of(Multiaddr.parse("/ip4/0.0.0.0/tcp/0"),
            Multiaddr.parse("/ip6/::/tcp/0"));
    /** Where the DHT's routing table is saved, so that a restart rejoins through the peers it knew. */
    public static final String DHT_TABLE_FILE = "dht-table";

    public EngineSettings {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(relayService, "relayService");
        Objects.requireNonNull(autoRelay, "autoRelay");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(publicRanges, "publicRanges");
        Objects.requireNonNull(controlSocket, "controlSocket");
        listen = List.copyOf(listen);
        bootstrap = List.copyOf(bootstrap);
        relays = List.copyOf(relays);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("the node needs an address to listen on");
        }
    }

    /**
     * The user's node: the user's configuration directory, the public DHT's bootstrap peers, no
     * relay service, automatic reservations while private, no measurement, no UPnP, the user's
     * control socket.
     */
    public static EngineSettings forUser() {
        return forUser(UserDirs.config()).withControlSocket(Optional.of(ControlSocket.defaultPath()));
    }

    /** As {@link #forUser()} in {@code configDir}, without a control socket. */
    public static EngineSettings forUser(Path configDir) {
        return new EngineSettings(configDir, DEFAULT_LISTEN, DhtConfig.DEFAULT_BOOTSTRAP_PEERS, Optional.empty(),
                List.of(), AutoRelay.Mode.AUTO, Optional.empty(), false, PublicRanges.NONE, Optional.empty(), false);
    }

    public EngineSettings withConfigDir(Path dir) {
        return new EngineSettings(dir, listen, bootstrap, relayService, relays, autoRelay, measurement, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withListen(List<Multiaddr> addrs) {
        return new EngineSettings(configDir, addrs, bootstrap, relayService, relays, autoRelay, measurement, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withBootstrap(List<Multiaddr> peers) {
        return new EngineSettings(configDir, listen, peers, relayService, relays, autoRelay, measurement, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withRelayService(Optional<RelayConfigFile> limits) {
        return new EngineSettings(configDir, listen, bootstrap, limits, relays, autoRelay, measurement, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withRelays(List<Multiaddr> addrs, AutoRelay.Mode mode) {
        return new EngineSettings(configDir, listen, bootstrap, relayService, addrs, mode, measurement, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withMeasurement(Optional<MeasurementSettings> settings) {
        return new EngineSettings(configDir, listen, bootstrap, relayService, relays, autoRelay, settings, upnp,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withUpnp(boolean on) {
        return new EngineSettings(configDir, listen, bootstrap, relayService, relays, autoRelay, measurement, on,
                publicRanges, controlSocket, demo);
    }

    public EngineSettings withPublicRanges(PublicRanges ranges) {
        return new EngineSettings(configDir, listen, bootstrap, relayService, relays, autoRelay, measurement, upnp,
                ranges, controlSocket, demo);
    }

    public EngineSettings withControlSocket(Optional<Path> socket) {
        return new EngineSettings(configDir, listen, bootstrap, relayService, relays, autoRelay, measurement, upnp,
                publicRanges, socket, demo);
    }

    public EngineSettings asDemo() {
        return new EngineSettings(configDir, listen, bootstrap, relayService, relays, autoRelay, measurement, upnp,
                publicRanges, controlSocket, true);
    }

    /** Whether the declared public ranges hold a loopback address: every node shares this host's IP. */
    public boolean singleHost() {
        List<InetAddress> loopback = List.of(InetAddress.getLoopbackAddress(), loopbackOtherFamily());
        return publicRanges.extraRanges().stream().anyMatch(r -> loopback.stream().anyMatch(r::contains));
    }

    private static InetAddress loopbackOtherFamily() {
        byte[] v6 = new byte[16];
        v6[15] = 1;
        byte[] v4 = {127, 0, 0, 1};
        try {
            return InetAddress.getByAddress(InetAddress.getLoopbackAddress().getAddress().length == 4 ? v6 : v4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The node's options: a DHT server when there are bootstrap peers, reachability judged with the ranges. */
    public NodeOptions nodeOptions() {
        AutoNatConfig autonat = AutoNatConfig.defaults().withPublicRanges(publicRanges);
        // On one host every address is reachable, so the one-sided direct dial that precedes DCUtR
        // would always win; the demo shows the exchange itself.
        HolePunchConfig holePunch = demo ? HolePunchConfig.defaults().withOneSidedDial(false) : HolePunchConfig.defaults();
        return NodeOptions.defaults()
                .withHolePunch(holePunch)
                .withAutonat(singleHost() ? autonat.forSingleHost() : autonat)
                .withDht(dht())
                .withRelayService(relayService.map(f -> new RelayServiceSettings(f, configDir.resolve(UserFiles.RELAY_DIR))))
                .withRelays(relays)
                .withAutoRelay(autoRelay)
                .withUpnp(upnp);
    }

    private Optional<DhtSettings> dht() {
        if (bootstrap.isEmpty()) {
            return Optional.empty();
        }
        DhtConfig config = dhtConfig(bootstrap, singleHost()).withTableFile(configDir.resolve(DHT_TABLE_FILE));
        return Optional.of(new DhtSettings(config, Dht.Mode.SERVER));
    }

    /** The public DHT's protocol joined through {@code bootstrap}; on a single host without the diversity rule. */
    static DhtConfig dhtConfig(List<Multiaddr> bootstrap, boolean singleHost) {
        // Nodes on one host share one /24; the routing table's diversity rule would keep all but two out.
        RoutingTableConfig table = singleHost
                ? RoutingTableConfig.defaults().withMaxPeersPerNetwork(RoutingTableConfig.UNLIMITED_PEERS_PER_NETWORK)
                : RoutingTableConfig.defaults();
        return DhtConfig.publicDht().withBootstrapPeers(bootstrap).withTable(table);
    }
}
