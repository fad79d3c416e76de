package io.wirepunch.core.engine;

import io.wirepunch.core.engine.EngineSnapshot.Counts;
import io.wirepunch.core.engine.EngineSnapshot.Diagnostics;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.nat.upnp.NodeUpnp;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.peers.PeerState;
import io.wirepunch.core.peers.PeerTable;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a running node into an {@link EngineSnapshot}; called on the engine's thread only. */
final class SnapshotReader {
    private SnapshotReader() {}

    /** What the engine knows beside the node: participation, relay round trips, the latest join, measurement. */
    record Extras(boolean demo, boolean participating, Map<PeerId, Duration> relayRtts, Optional<JoinProgress> join,
                  Optional<String> measurement) {}

    static EngineSnapshot read(Instant now, UserNode running, Extras extras) {
        Node node = running.node();
        Optional<Networks> networks = running.services().map(UserServices::networks);
        List<PeerState> peers = PeerTable.snapshot(node, networks);
        Counts counts = Counts.of(peers);
        Optional<BootstrapState> bootstrap = node.dht().map(Dht::bootstrapState);
        Diagnostics diagnostics = new Diagnostics(node.autonat().snapshot(),
                node.upnp().map(NodeUpnp::mapper).map(m -> m.state()), extras.relayRtts(), bootstrap,
                node.host().listenAddrs(), node.relayClient().circuitAddrs(),
                networks.map(Networks::problems).orElse(List.of()), extras.measurement());
        return new EngineSnapshot(now, extras.demo(), Optional.of(node.host().peerId()),
                StatusLine.of(extras.participating(), bootstrap, counts, now), extras.participating(), peers, counts,
                node.holePunch().history().records(), node.relayUsage(), node.relayClientUsage(), diagnostics,
                extras.join());
    }
}
