package io.wirepunch.core.protocol.relay;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelHandlerContext;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's side of one inbound hop stream: answers a RESERVE and ends the stream, or answers a
 * CONNECT and, when the circuit stands, hands the stream to the splice. A STATUS from a client is
 * answered UNEXPECTED_MESSAGE; a CONNECT without a valid peer MALFORMED_MESSAGE.
 */
final class HopResponder extends RelayResponder<HopMessage> {
    private static final Logger log = LoggerFactory.getLogger(HopResponder.class);

    /** What the relay service does with the requests; the handler only speaks the protocol. */
    interface Relay {
        HopMessage reserve(Stream stream);

        /** Answers a CONNECT: a refusal, or OK after which the stream belongs to the circuit. */
        CompletionStage<ConnectAnswer> connect(Stream stream, PeerId destination);
    }

    /** A CONNECT's answer; {@code onSent} (null for a refusal) runs once an OK has been written, to splice the stream. */
    record ConnectAnswer(HopMessage response, Runnable onSent) {}

    private final Relay relay;

    private HopResponder(Stream stream, Relay relay, Duration timeout) {
        super(stream, HopMessage.class, timeout);
        this.relay = relay;
    }

    static void install(Stream stream, Relay relay, Duration timeout) {
        stream.channel().pipeline().addLast(RelayMessageDecoder.hop(), new HopResponder(stream, relay, timeout));
    }

    @Override
    MessageLite status(Status status) {
        return RelayMessages.hopStatus(status);
    }

    @Override
    void onRequest(ChannelHandlerContext ctx, HopMessage request) {
        switch (request.getType()) {
            case RESERVE -> answerAndEnd(ctx, relay.reserve(stream));
            case CONNECT -> connect(ctx, request);
            default -> answerAndEnd(ctx, status(Status.UNEXPECTED_MESSAGE));
        }
    }

    private void connect(ChannelHandlerContext ctx, HopMessage request) {
        PeerId destination;
        try {
            destination = RelayMessages.peerOf(request.hasPeer(), request.getPeer());
        } catch (RelayWireException e) {
            log.debug("CONNECT from {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, status(e.status()));
            return;
        }
        relay.connect(stream, destination).whenComplete((answer, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                log.debug("CONNECT from {} to {} failed: {}", stream.remotePeer(), destination, error.toString());
                answerAndEnd(ctx, status(Status.CONNECTION_FAILED));
            } else if (answer.onSent() == null) {
                answerAndEnd(ctx, answer.response());
            } else {
                ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), answer.response()));
                answer.onSent().run();
            }
        }));
    }
}
