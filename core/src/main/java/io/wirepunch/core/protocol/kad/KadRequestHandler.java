package io.wirepunch.core.protocol.kad;

import io.wirepunch.core.identity.PeerId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Answers the requests that arrive on inbound kad streams; the DHT implements it. Called on the
 * stream's event loop, so it must not block: work that waits returns an incomplete stage. An empty
 * answer sends nothing back (ADD_PROVIDER); an answer must carry the request's type. A failed
 * stage resets the stream, as the spec asks on any error.
 */
@FunctionalInterface
public interface KadRequestHandler {
    CompletionStage<Optional<KadMessage>> handle(PeerId from, KadMessage request);
}
