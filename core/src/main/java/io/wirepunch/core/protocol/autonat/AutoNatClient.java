package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Asks one AutoNAT server, over a connection we have to it, to dial us back. */
public final class AutoNatClient {
    private final PeerId self;
    private final Duration timeout;

    public AutoNatClient(PeerId self) {
        this(self, AutoNatProtocol.REQUEST_TIMEOUT);
    }

    public AutoNatClient(PeerId self, Duration timeout) {
        this.self = self;
        this.timeout = timeout;
    }

    /**
     * Sends a DIAL naming us and {@code addrs}; yields the server's answer. Fails with an
     * {@link AutoNatException} on a bad or missing answer and a {@link java.util.concurrent.TimeoutException}
     * when it takes longer than the timeout, stream opening included.
     */
    public CompletionStage<DialResponse> requestDialBack(Connection server, List<Multiaddr> addrs) {
        AutoNatMessage.Dial dial = new AutoNatMessage.Dial(self, addrs);
        CompletableFuture<DialResponse> result = new CompletableFuture<>();
        server.newStream(stream -> AutoNatRequester.start(stream.channel(), dial, result), AutoNatProtocol.ID)
                .whenComplete((stream, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    }
                });
        return result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
