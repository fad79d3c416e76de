package io.wirepunch.core.peers;

import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Direction;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.membership.MemberIndex;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.node.Node;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the peer list {@code show} prints from the node's connections, hole-punch history and networks. */
public final class PeerTable {
    private PeerTable() {}

    /** Every peer with an open connection or a hole punch on record, sorted by PeerId. */
    public static List<PeerState> snapshot(Node node) {
        return snapshot(node, Optional.empty());
    }

    /** As {@link #snapshot(Node)}, plus every member of the networks, connected or not. */
    public static List<PeerState> snapshot(Node node, Optional<Networks> networks) {
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
        Map<PeerId, List<String>> vouched = networks.map(Networks::vouched).orElse(Map.of());
        networks.ifPresent(n -> n.index().memberIds().forEach(p -> byPeer.computeIfAbsent(p, x -> new ArrayList<>())));
        vouched.keySet().forEach(p -> byPeer.computeIfAbsent(p, x -> new ArrayList<>()));
        List<PeerState> out = new ArrayList<>();
        byPeer.forEach((peer, conns) -> out.add(state(node, networks, vouched, peer, conns,
                Optional.ofNullable(punches.get(peer)))));
        return out;
    }

    private static PeerState state(Node node, Optional<Networks> networks, Map<PeerId, List<String>> vouched, PeerId peer,
                                   List<Connection> conns, Optional<HolePunchOutcome> punch) {
        Optional<Connection> preferred = conns.isEmpty() ? Optional.empty() : node.host().connections().get(peer);
        Optional<Instant> opened = conns.stream().map(Connection::openedAt).max(Comparator.naturalOrder());
        Optional<Instant> pong = conns.isEmpty() ? Optional.empty() : networks.flatMap(n -> n.lastPong(peer));
        Optional<Instant> handshake = pong.isPresent() && opened.isPresent() && pong.get().isAfter(opened.get()) ? pong : opened;
        long rx = conns.stream().mapToLong(Connection::bytesReceived).sum();
        long tx = conns.stream().mapToLong(Connection::bytesSent).sum();
        Optional<PeerState.Membership> member = networks.flatMap(n -> membership(n, peer, vouched.getOrDefault(peer, List.of())));
        return new PeerState(peer, preferred.map(Connection::remoteAddr), preferred.flatMap(Connection::relay), handshake,
                rx, tx, conns.size(), node.host().peerstore().agentVersion(peer), punch, member,
                networks.flatMap(n -> n.rtt(peer)), nat(preferred, punch));
    }

    /** What the files say of {@code peer}, or, for a member only vouched for, its networks without addresses. */
    private static Optional<PeerState.Membership> membership(Networks networks, PeerId peer, List<String> vouchedIn) {
        List<MemberIndex.Entry> entries = networks.index().entries(peer);
        if (entries.isEmpty()) {
            return vouchedIn.isEmpty() ? Optional.empty() : Optional.of(new PeerState.Membership(Optional.empty(), vouchedIn,
                    List.of(), networks.keepalive(), networks.trust(peer)));
        }
        List<String> names = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        Optional<String> hostname = Optional.empty();
        for (MemberIndex.Entry e : entries) {
            names.add(e.network());
            e.ipv4().ifPresent(a -> ranges.add(cidr(a, 32)));
            e.ipv6().ifPresent(a -> ranges.add(cidr(a, 128)));
            if (hostname.isEmpty()) {
                hostname = e.member().hostname();
            }
        }
        return Optional.of(new PeerState.Membership(hostname, names, ranges, networks.keepalive(), networks.trust(peer)));
    }

    private static String cidr(InetAddress a, int prefix) {
        return a.getHostAddress() + "/" + prefix;
    }

    private static PeerState.Nat nat(Optional<Connection> preferred, Optional<HolePunchOutcome> punch) {
        if (preferred.isEmpty()) {
            return PeerState.Nat.UNKNOWN;
        }
        Connection c = preferred.get();
        if (c.isRelayed() || punch.isPresent()) {
            return PeerState.Nat.NATTED;
        }
        return c.direction() == Direction.OUTBOUND ? PeerState.Nat.PUBLIC : PeerState.Nat.UNKNOWN;
    }
}
