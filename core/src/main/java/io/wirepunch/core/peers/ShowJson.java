package io.wirepunch.core.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.facts.TrustLevel;
import io.wirepunch.core.forward.ForwardService;
import io.wirepunch.core.forward.LocalForward;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.PeerKey;
import io.wirepunch.core.node.Node;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of {@code show --json}: stable field names (documented in docs/SHOW.md), instants in
 * ISO 8601, absent values {@code null}.
 */
public final class ShowJson {
    /** Raised when a field changes meaning or goes away; new fields may come without it. */
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShowJson() {}

    public static ObjectNode of(Node node) {
        return of(node, Optional.empty());
    }

    /** The node, its networks and every peer, members included. */
    public static ObjectNode of(Node node, Optional<Networks> networks) {
        return of(node, networks, Optional.empty());
    }

    /** The node, its networks, its exposed ports and forwards, and every peer, members included. */
    public static ObjectNode of(Node node, Optional<Networks> networks, Optional<ForwardService> forwards) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", VERSION);
        ObjectNode self = o.putObject("node");
        self.put("peerId", node.host().peerId().toBase58());
        self.put("publicKey", wireGuardKey(node.host().peerId()));
        self.put("participating", node.participating());
        self.put("reachability", node.autonat().reachability().name());
        self.put("natMapping", node.autonat().snapshot().mapping().behaviour().name());
        ArrayNode listen = self.putArray("listenAddrs");
        node.host().listenAddrs().forEach(a -> listen.add(a.toString()));
        ArrayNode advertised = self.putArray("advertisedAddrs");
        node.host().advertisedAddrs().forEach(a -> advertised.add(a.toString()));
        ArrayNode nets = self.putArray("networks");
        networks.ifPresent(n -> n.index().networks().values().forEach(net -> {
            ObjectNode x = nets.addObject();
            x.put("name", net.network());
            x.put("subnet", net.config().subnet().map(Object::toString).orElse(null));
            x.put("ipv4", net.ipv4().map(InetAddress::getHostAddress).orElse(null));
            x.put("ipv6", net.ipv6().map(InetAddress::getHostAddress).orElse(null));
            x.put("members", net.config().members().size());
        }));
        ArrayNode problems = self.putArray("networkProblems");
        networks.ifPresent(n -> n.problems().forEach(problems::add));
        ArrayNode exposed = self.putArray("exposedPorts");
        ArrayNode forwarding = self.putArray("forwards");
        forwards.ifPresent(f -> {
            f.exposed().forEach(exposed::add);
            for (LocalForward lf : f.forwards()) {
                ObjectNode x = forwarding.addObject();
                x.put("listen", lf.localAddress().getHostString() + ":" + lf.localAddress().getPort());
                x.put("peer", lf.peer().toBase58());
                x.put("remotePort", lf.remotePort());
                x.put("activeConnections", lf.activeConnections());
                x.put("bytesSent", lf.bytesSent());
                x.put("bytesReceived", lf.bytesReceived());
                x.put("lastError", lf.lastError());
            }
        });
        ArrayNode peers = o.putArray("peers");
        for (PeerState p : PeerTable.snapshot(node, networks)) {
            ObjectNode x = peers.addObject();
            x.put("peerId", p.peer().toBase58());
            x.put("publicKey", wireGuardKey(p.peer()));
            x.put("path", p.path());
            x.put("endpoint", p.endpoint().map(Multiaddr::toString).orElse(null));
            x.put("relay", p.relay().map(r -> r.toBase58()).orElse(null));
            x.put("latestHandshake", p.latestHandshake().map(Instant::toString).orElse(null));
            x.put("rxBytes", p.rxBytes());
            x.put("txBytes", p.txBytes());
            x.put("connections", p.connections());
            x.put("agent", p.agent().orElse(null));
            x.put("lastHolePunch", p.lastHolePunch().map(Enum::name).orElse(null));
            x.put("name", p.member().flatMap(PeerState.Membership::name).orElse(null));
            ArrayNode in = x.putArray("networks");
            ArrayNode allowed = x.putArray("allowedIps");
            p.member().ifPresent(m -> {
                m.networks().forEach(in::add);
                m.allowedIps().forEach(allowed::add);
            });
            if (p.member().isPresent()) {
                x.put("persistentKeepalive", p.member().get().keepalive().toSeconds());
            } else {
                x.putNull("persistentKeepalive");
            }
            if (p.rtt().isPresent()) {
                x.put("rttMillis", p.rtt().get().toNanos() / 1e6);
            } else {
                x.putNull("rttMillis");
            }
            x.put("nat", p.nat().name());
            x.put("trust", p.member().map(m -> m.trust().name()).orElse(TrustLevel.UNTRUSTED.name()));
        }
        return o;
    }

    /** The peer's X25519 key in WireGuard's base64 form; null for a key type other than Ed25519. */
    static String wireGuardKey(PeerId peer) {
        try {
            return PeerKey.of(peer).wireGuardKey();
        } catch (InvalidKeyException e) {
            return null;
        }
    }
}
