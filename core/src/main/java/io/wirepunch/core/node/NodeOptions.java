package io.wirepunch.core.node;

import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node runs beside its host: the perf server, a DHT, how it judges reachability, whether it
 * relays for others, and the relays it keeps reservations on. Start from {@link #defaults()} and
 * change what differs with the withers.
 *
 * @param servePerf whether the node answers the perf protocol
 * @param dht the DHT to take part in, or none
 * @param autonat reachability settings, e.g. {@code --public-ranges} for a testbed
 * @param relayService the relay service's limits and usage files, or none: the node does not relay
 * @param relays relays to keep a reservation on, each address ending in {@code /p2p/<relay>}
 * @param autoRelay when reservations are made on relays found through identify and the DHT
 * @param upnp whether the first IPv4 TCP listen port is forwarded on the router through UPnP IGD
 * @param holePunch how DCUtR runs; its public ranges are taken from {@code autonat}
 */
public record NodeOptions(boolean servePerf, Optional<DhtSettings> dht, AutoNatConfig autonat,
                          Optional<RelayServiceSettings> relayService, List<Multiaddr> relays,
                          AutoRelay.Mode autoRelay, boolean upnp, HolePunchConfig holePunch) {

    public NodeOptions {
        Objects.requireNonNull(dht, "dht");
        Objects.requireNonNull(autonat, "autonat");
        Objects.requireNonNull(relayService, "relayService");
        Objects.requireNonNull(autoRelay, "autoRelay");
        Objects.requireNonNull(holePunch, "holePunch");
        relays = List.copyOf(relays);
        for (Multiaddr relay : relays) {
            if (relay.peerId().isEmpty()) {
                throw new IllegalArgumentException("a relay address must end in /p2p/<relay>: " + relay);
            }
        }
    }

    /** Without UPnP, with the default hole punching. */
    public NodeOptions(boolean servePerf, Optional<DhtSettings> dht, AutoNatConfig autonat,
                       Optional<RelayServiceSettings> relayService, List<Multiaddr> relays, AutoRelay.Mode autoRelay) {
        this(servePerf, dht, autonat, relayService, relays, autoRelay, false, HolePunchConfig.defaults());
    }

    /** No perf server, no DHT, the Internet's own public ranges, no relay service, automatic reservations while private, no UPnP, hole punching on. */
    public static NodeOptions defaults() {
        return new NodeOptions(false, Optional.empty(), AutoNatConfig.defaults(), Optional.empty(), List.of(),
                AutoRelay.Mode.AUTO);
    }

    public NodeOptions withPerf(boolean serve) {
        return new NodeOptions(serve, dht, autonat, relayService, relays, autoRelay, upnp, holePunch);
    }

    public NodeOptions withDht(DhtSettings settings) {
        return withDht(Optional.of(settings));
    }

    public NodeOptions withDht(Optional<DhtSettings> settings) {
        return new NodeOptions(servePerf, settings, autonat, relayService, relays, autoRelay, upnp, holePunch);
    }

    public NodeOptions withAutonat(AutoNatConfig config) {
        return new NodeOptions(servePerf, dht, config, relayService, relays, autoRelay, upnp, holePunch);
    }

    public NodeOptions withRelayService(RelayServiceSettings settings) {
        return withRelayService(Optional.of(settings));
    }

    public NodeOptions withRelayService(Optional<RelayServiceSettings> settings) {
        return new NodeOptions(servePerf, dht, autonat, settings, relays, autoRelay, upnp, holePunch);
    }

    public NodeOptions withRelays(List<Multiaddr> addrs) {
        return new NodeOptions(servePerf, dht, autonat, relayService, addrs, autoRelay, upnp, holePunch);
    }

    public NodeOptions withAutoRelay(AutoRelay.Mode mode) {
        return new NodeOptions(servePerf, dht, autonat, relayService, relays, mode, upnp, holePunch);
    }

    public NodeOptions withUpnp(boolean on) {
        return new NodeOptions(servePerf, dht, autonat, relayService, relays, autoRelay, on, holePunch);
    }

    public NodeOptions withHolePunch(HolePunchConfig config) {
        return new NodeOptions(servePerf, dht, autonat, relayService, relays, autoRelay, upnp, config);
    }
}
