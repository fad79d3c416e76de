package io.wirepunch.core.pipe;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.StreamEnds;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes over {@link PipeProtocol#ID}: opens them, and answers the ones a caller admits. Nobody is
 * admitted by default; a stream from a peer the acceptor turns away is reset.
 */
public final class PipeService {
    private static final Logger log = LoggerFactory.getLogger(PipeService.class);

    /** The local ends of an admitted pipe, and who wants to know once it runs. */
    public record Ends(InputStream in, OutputStream out, Consumer<Pipe> started) {}

    private final Host host;

    public PipeService(Host host) {
        this.host = host;
    }

    /** Answers pipes from the peers {@code acceptor} gives ends for; replaces an earlier acceptor. */
    public void serve(Function<PeerId, Optional<Ends>> acceptor) {
        host.protocols().register(PipeProtocol.ID, stream -> {
            Optional<Ends> ends = acceptor.apply(stream.remotePeer());
            if (ends.isEmpty()) {
                log.debug("refusing a pipe from {}", stream.remotePeer());
                StreamEnds.reset(stream.channel());
                return;
            }
            ends.get().started().accept(Pipe.start(stream.channel(), ends.get().in(), ends.get().out()));
        });
    }

    public void stopServing() {
        host.protocols().unregister(PipeProtocol.ID);
    }

    /** Opens a pipe on {@code connection} joined to {@code in} and {@code out}. */
    public CompletionStage<Pipe> open(Connection connection, InputStream in, OutputStream out) {
        CompletableFuture<Pipe> result = new CompletableFuture<>();
        connection.newStream(s -> result.complete(Pipe.start(s.channel(), in, out)), PipeProtocol.ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    }
                });
        return result;
    }
}
