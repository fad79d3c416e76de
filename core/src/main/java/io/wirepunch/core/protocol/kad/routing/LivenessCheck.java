package io.wirepunch.core.protocol.kad.routing;

import java.util.concurrent.CompletionStage;

/**
 * Asks whether a peer still answers, before a full bucket evicts it for a newcomer (Kademlia keeps
 * long-lived peers because they are the likeliest to stay). The DHT answers with a kad PING or a
 * libp2p ping. The stage must complete within the caller's own timeout: {@code false} or an
 * exceptional completion both mean "gone". The table never calls it while holding its lock.
 */
@FunctionalInterface
public interface LivenessCheck {
    CompletionStage<Boolean> isAlive(PeerEntry peer);
}
