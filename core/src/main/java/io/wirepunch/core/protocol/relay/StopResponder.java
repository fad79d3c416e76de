package io.wirepunch.core.protocol.relay;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelHandlerContext;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of a stop stream a relay opened: reads its CONNECT, and when the acceptor takes the
 * circuit, answers OK and lets it turn the stream into a connection. A refusal, a malformed or an
 * unexpected message is answered with its status and the stream ends.
 */
final class StopResponder extends RelayResponder<StopMessage> {
    private static final Logger log = LoggerFactory.getLogger(StopResponder.class);

    /** Decides on a circuit from {@code source}. */
    interface Acceptor {
        Accepted accept(Stream stream, PeerId source, CircuitLimit limit);
    }

    /** The answer to send, and what takes the stream over after an OK was written (null for a refusal). */
    record Accepted(Status status, Runnable takeOver) {}

    private final Acceptor acceptor;

    private StopResponder(Stream stream, Acceptor acceptor, Duration timeout) {
        super(stream, StopMessage.class, timeout);
        this.acceptor = acceptor;
    }

    static void install(Stream stream, Acceptor acceptor, Duration timeout) {
        stream.channel().pipeline().addLast(RelayMessageDecoder.stop(), new StopResponder(stream, acceptor, timeout));
    }

    @Override
    MessageLite status(Status status) {
        return RelayMessages.stopStatus(status);
    }

    @Override
    void onRequest(ChannelHandlerContext ctx, StopMessage request) {
        if (request.getType() != StopMessage.Type.CONNECT) {
            answerAndEnd(ctx, status(Status.UNEXPECTED_MESSAGE));
            return;
        }
        PeerId source;
        try {
            source = RelayMessages.peerOf(request.hasPeer(), request.getPeer());
        } catch (RelayWireException e) {
            log.debug("stop CONNECT from relay {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, status(e.status()));
            return;
        }
        Accepted accepted = acceptor.accept(stream, source, RelayMessages.limitOf(request.hasLimit(), request.getLimit()));
        if (accepted.status() != Status.OK) {
            answerAndEnd(ctx, status(accepted.status()));
            return;
        }
        ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), status(Status.OK)));
        accepted.takeOver().run();
    }
}
