package io.wirepunch.core.protocol.kad;

import io.wirepunch.core.identity.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DHT stand-in for wire tests: answers FIND_NODE and GET_PROVIDERS from fixed lists, PING with
 * PING, records ADD_PROVIDER (sender and message) without answering, and remembers every request.
 */
final class FixedKadRequestHandler implements KadRequestHandler {
    record Received(PeerId from, KadMessage message) {}

    private final List<KadPeer> closer;
    private final List<KadPeer> providers;
    final List<Received> received = new CopyOnWriteArrayList<>();

    FixedKadRequestHandler(List<KadPeer> closer, List<KadPeer> providers) {
        this.closer = List.copyOf(closer);
        this.providers = List.copyOf(providers);
    }

    @Override
    public CompletionStage<Optional<KadMessage>> handle(PeerId from, KadMessage request) {
        received.add(new Received(from, request));
        KadMessage answer = switch (request.type()) {
            case FIND_NODE -> KadMessage.of(request.type(), request.key()).withCloserPeers(closer);
            case GET_PROVIDERS -> KadMessage.getProviders(request.key()).withCloserPeers(closer).withProviderPeers(providers);
            case GET_VALUE -> KadMessage.getValue(request.key()).withCloserPeers(closer);
            case PUT_VALUE -> request;
            case PING -> KadMessage.ping();
            case ADD_PROVIDER -> null;
        };
        return CompletableFuture.completedFuture(Optional.ofNullable(answer));
    }
}
