package io.wirepunch.core.node;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Multihash;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Relays found through the DHT: a node running the relay service provides {@link #RELAY_KEY}
 * (the DHT republishes it), and automatic reservations ask for its providers.
 */
public final class RelayDiscovery {
    /** The name the relay key is the hash of. */
    public static final String RELAY_NAMESPACE = "/wirepunch/relay/v1";
    /** The DHT key relays provide: the sha2-256 multihash of {@link #RELAY_NAMESPACE} in UTF-8. */
    public static final byte[] RELAY_KEY = Multihash.sha256(RELAY_NAMESPACE.getBytes(StandardCharsets.UTF_8)).toBytes();
    /** How many providers one search asks for. */
    public static final int PROVIDERS_WANTED = 8;

    private RelayDiscovery() {
    }

    /** Asks {@code dht} for relays; each comes as {@code /p2p/<relay>}, its addresses in the peerstore. */
    static Supplier<CompletionStage<List<Multiaddr>>> through(Dht dht) {
        return () -> dht.findProviders(RELAY_KEY.clone(), PROVIDERS_WANTED).thenApply(peers -> peers.stream()
                .map(KadPeer::id).map(id -> Multiaddr.parse("/p2p/" + id.toBase58())).toList());
    }

    /** Announces the node as a relay. */
    static CompletionStage<Integer> provide(Dht dht) {
        return dht.provide(RELAY_KEY.clone());
    }
}
