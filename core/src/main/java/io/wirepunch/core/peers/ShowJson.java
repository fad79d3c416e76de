package io.wirepunch.core.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.network.PeerKey;
import io.wirepunch.core.node.Node;
import java.time.Instant;

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
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", VERSION);
        ObjectNode self = o.putObject("node");
        self.put("peerId", node.host().peerId().toBase58());
        self.put("publicKey", wireGuardKey(node.host().peerId()));
        self.put("participating", node.participating());
        self.put("reachability", node.autonat().reachability().name());
        ArrayNode listen = self.putArray("listenAddrs");
        node.host().listenAddrs().forEach(a -> listen.add(a.toString()));
        ArrayNode advertised = self.putArray("advertisedAddrs");
        node.host().advertisedAddrs().forEach(a -> advertised.add(a.toString()));
        ArrayNode peers = o.putArray("peers");
        for (PeerState p : PeerTable.snapshot(node)) {
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
