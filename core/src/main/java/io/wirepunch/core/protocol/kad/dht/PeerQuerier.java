package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadRequestHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends one lookup request (FIND_NODE, GET_PROVIDERS or GET_VALUE) to one peer and yields its whole
 * answer. Lookups only see this, so the same lookup code runs over real streams and over an
 * in-memory network in simulations.
 */
@FunctionalInterface
public interface PeerQuerier {
    CompletionStage<KadMessage> ask(PeerId peer, KadMessage request);

    /**
     * A querier without sockets: each request goes straight to the asked peer's handler, as if
     * {@code requester} had sent it. A peer without a handler fails the request, as an unreachable one would.
     */
    static PeerQuerier overHandlers(PeerId requester, Function<PeerId, KadRequestHandler> handlers) {
        return (peer, request) -> {
            KadRequestHandler handler = handlers.apply(peer);
            if (handler == null) {
                return CompletableFuture.failedFuture(new KadException("no handler for " + peer));
            }
            return handler.handle(requester, request).thenApply(answer -> answer.orElseThrow(
                    () -> new KadException(peer + " sent no answer to " + request.type())));
        };
    }
}
