package io.wirepunch.core.protocol.perf;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The perf throughput probe. The spec says a node should not serve perf by default, so serving is
 * a separate switch ({@link #serve()}); measuring against any perf server is always possible.
 */
public final class PerfService {
    private final Host host;

    public PerfService(Host host) {
        this.host = host;
    }

    public void serve() {
        host.protocols().register(PerfProtocol.ID, stream -> stream.channel().pipeline().addLast(new PerfServerHandler()));
    }

    public CompletionStage<PerfResult> measure(Connection connection, long uploadBytes, long downloadBytes) {
        CompletableFuture<PerfResult> result = new CompletableFuture<>();
        connection.newStream(stream -> PerfClientHandler.start(stream.channel(), uploadBytes, downloadBytes, result),
                        PerfProtocol.ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    }
                });
        return result;
    }
}
