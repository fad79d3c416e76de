package io.wirepunch.core.peers;

import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.node.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the peer list {@code show} prints from the node's connections and hole-punch history. */
public final class PeerTable {
    private PeerTable() {}

    /** Every peer with an open connection or a hole punch on record, sorted by PeerId. */
    public static List<PeerState> snapshot(Node node) {
        Map<PeerId, List<Connection>> byPeer = new TreeMap<>();
        for (Connection c : node.host().connections().all()) {
            if (c.isOpen()) {
                byPeer.computeIfAbsent(c.remotePeer(), p -> new ArrayList<>()).add(c);
            }
        }
        Map<PeerId, HolePunchOutcome> punches = new LinkedHashMap<>();
        for (HolePunchRecord r : node.holePunch().history().records()) {
            punches.put(r.remote(), r.outcome());
            byPeer.computeIfAbsent(r.remote(), p -> new ArrayList<>());
        }
        List<PeerState> out = new ArrayList<>();
        byPeer.forEach((peer, conns) -> out.add(state(node, peer, conns, Optional.ofNullable(punches.get(peer)))));
        return out;
    }

    private static PeerState state(Node node, PeerId peer, List<Connection> conns, Optional<HolePunchOutcome> punch) {
        Optional<Connection> preferred = conns.isEmpty() ? Optional.empty() : node.host().connections().get(peer);
        Optional<Instant> handshake = conns.stream().map(Connection::openedAt).max(Comparator.naturalOrder());
        long rx = conns.stream().mapToLong(Connection::bytesReceived).sum();
        long tx = conns.stream().mapToLong(Connection::bytesSent).sum();
        return new PeerState(peer, preferred.map(Connection::remoteAddr), preferred.flatMap(Connection::relay), handshake,
                rx, tx, conns.size(), node.host().peerstore().agentVersion(peer), punch);
    }
}
