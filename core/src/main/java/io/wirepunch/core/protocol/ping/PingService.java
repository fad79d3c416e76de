package io.wirepunch.core.protocol.ping;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import java.util.concurrent.CompletionStage;

/** Answers pings, and opens ping streams to measure the round trip to a peer. */
public final class PingService {
    private final Host host;

    public PingService(Host host) {
        this.host = host;
    }

    public void start() {
        host.protocols().register(PingProtocol.ID, stream -> PingResponder.install(stream.channel()));
    }

    /** Opens a ping stream on a connection; ping as often as needed, then close its channel. */
    public CompletionStage<PingInitiator> open(Connection connection) {
        PingInitiator[] holder = new PingInitiator[1];
        return connection.newStream(stream -> holder[0] = PingInitiator.install(stream.channel()), PingProtocol.ID)
                .thenApply(stream -> holder[0]);
    }
}
