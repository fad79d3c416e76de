package io.wirepunch.core.protocol.kad;

import io.netty.channel.Channel;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.StreamEnds;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends kad requests, one per stream as js-libp2p and go-libp2p do: open, write, half-close, read
 * the answer, close. The protocol id picks the network (the public DHT or a private one).
 */
public final class KadClient {
    private final String protocolId;
    private final Duration requestTimeout;

    /** A client of the public DHT ({@link KadProtocol#ID}) with the default timeout. */
    public KadClient() {
        this(KadProtocol.ID, KadProtocol.REQUEST_TIMEOUT);
    }

    public KadClient(String protocolId, Duration requestTimeout) {
        this.protocolId = protocolId;
        this.requestTimeout = requestTimeout;
    }

    public String protocolId() {
        return protocolId;
    }

    /**
     * Sends {@code request} to {@code peer} (connecting if needed) and yields its answer. Fails with
     * {@link KadException} on a malformed answer or one of another type, and with a
     * {@link TimeoutException} when the answer, stream opening included, takes longer than the timeout.
     */
    public CompletionStage<KadMessage> request(Host host, PeerId peer, KadMessage request) {
        if (!request.type().expectsResponse()) {
            throw new IllegalArgumentException(request.type() + " gets no answer; use send()");
        }
        CompletableFuture<KadMessage> result = new CompletableFuture<>();
        host.newStream(peer, stream -> KadRequester.start(stream.channel(), request, result), protocolId)
                .whenComplete((stream, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    }
                });
        CompletableFuture.delayedExecutor(requestTimeout.toNanos(), TimeUnit.NANOSECONDS).execute(() ->
                result.completeExceptionally(new TimeoutException(
                        "no answer from " + peer + " to " + request.type() + " within " + requestTimeout)));
        return result;
    }

    /** Sends a message that gets no answer (ADD_PROVIDER); completes once it is written and the stream ended. */
    public CompletionStage<Void> send(Host host, PeerId peer, KadMessage message) {
        if (message.type().expectsResponse()) {
            throw new IllegalArgumentException(message.type() + " expects an answer; use request()");
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        AtomicReference<Channel> opened = new AtomicReference<>();
        host.newStream(peer, stream -> {
            opened.set(stream.channel());
            KadRequester.sendOnly(stream.channel(), message, sent);
        }, protocolId).whenComplete((stream, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            }
        });
        CompletableFuture.delayedExecutor(requestTimeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (sent.completeExceptionally(new TimeoutException(
                    "could not send " + message.type() + " to " + peer + " within " + requestTimeout))) {
                Channel stream = opened.get();
                if (stream != null) {
                    StreamEnds.reset(stream);
                }
            }
        });
        return sent;
    }
}
