package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadPeer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Asks one peer for the peers it knows closest to a key (FIND_NODE). Lookups only see this, so the
 * same lookup code runs over real streams and over an in-memory network in simulations.
 */
@FunctionalInterface
public interface PeerQuerier {
    CompletionStage<List<KadPeer>> closerPeers(PeerId peer, byte[] key);
}
