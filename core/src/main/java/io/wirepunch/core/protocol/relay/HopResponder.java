package io.wirepunch.core.protocol.relay;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's side of one inbound hop stream: reads the single request, answers a RESERVE and
 * ends the stream, or answers a CONNECT and, when the circuit stands, hands the stream to the splice.
 * A malformed request is answered MALFORMED_MESSAGE and a STATUS from a client UNEXPECTED_MESSAGE,
 * each followed by the end of the stream; a stream that sends nothing is reset after the handshake
 * timeout.
 */
final class HopResponder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HopResponder.class);

    /** What the relay service does with the requests; the handler only speaks the protocol. */
    interface Relay {
        HopMessage reserve(Stream stream);

        /** Answers a CONNECT: a refusal, or OK after which the stream belongs to the circuit. */
        java.util.concurrent.CompletionStage<ConnectAnswer> connect(Stream stream, PeerId destination);
    }

    /** A CONNECT's answer; {@code onSent} runs once an OK has been written, to splice the stream. */
    record ConnectAnswer(HopMessage response, Runnable onSent) {}

    private final Stream stream;
    private final Relay relay;
    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    private boolean answered;

    HopResponder(Stream stream, Relay relay, Duration timeout) {
        this.stream = stream;
        this.relay = relay;
        this.timeout = timeout;
    }

    static void install(Stream stream, Relay relay, Duration timeout) {
        stream.channel().pipeline().addLast(RelayMessageDecoder.hop(), new HopResponder(stream, relay, timeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (!answered) {
                log.debug("hop stream from {} sent no request within {} ms", stream.remotePeer(), timeout.toMillis());
                answered = true;
                RelayStreams.reset(ctx.channel());
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HopMessage request) || answered) {
            ReferenceCountUtil.release(msg);
            return;
        }
        answered = true;
        deadline.cancel(false);
        switch (request.getType()) {
            case RESERVE -> answerAndEnd(ctx, relay.reserve(stream));
            case CONNECT -> connect(ctx, request);
            default -> answerAndEnd(ctx, RelayMessages.hopStatus(Status.UNEXPECTED_MESSAGE));
        }
    }

    private void connect(ChannelHandlerContext ctx, HopMessage request) {
        PeerId destination;
        try {
            destination = RelayMessages.peerOf(request.hasPeer(), request.getPeer());
        } catch (RelayWireException e) {
            log.debug("CONNECT from {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, RelayMessages.hopStatus(e.status()));
            return;
        }
        relay.connect(stream, destination).whenComplete((answer, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                log.debug("CONNECT from {} to {} failed: {}", stream.remotePeer(), destination, error.toString());
                answerAndEnd(ctx, RelayMessages.hopStatus(Status.CONNECTION_FAILED));
            } else if (answer.onSent() == null) {
                answerAndEnd(ctx, answer.response());
            } else {
                ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), answer.response()));
                answer.onSent().run();
            }
        }));
    }

    private static void answerAndEnd(ChannelHandlerContext ctx, MessageLite response) {
        ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), response));
        RelayStreams.closeGracefully(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (answered) {
            RelayStreams.reset(ctx.channel());
            return;
        }
        answered = true;
        deadline.cancel(false);
        if (cause instanceof RelayWireException e) {
            log.debug("hop stream from {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, RelayMessages.hopStatus(e.status()));
        } else {
            RelayStreams.reset(ctx.channel());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
