package io.wirepunch.core.protocol.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of a stop stream a relay opened: reads its CONNECT, and when {@code accept} takes the
 * circuit, answers OK and lets it turn the stream into a connection. A refusal, a malformed or
 * unexpected message is answered with its status and the stream ends; silence is reset after the
 * handshake timeout.
 */
final class StopResponder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StopResponder.class);

    /** Decides on a circuit from {@code source}; OK means the stream is taken over by {@code Accepted#takeOver}. */
    interface Acceptor {
        Accepted accept(Stream stream, PeerId source, CircuitLimit limit);
    }

    /** The answer to send, and what runs after an OK was written (null for a refusal). */
    record Accepted(Status status, Runnable takeOver) {}

    private final Stream stream;
    private final Acceptor acceptor;
    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    private boolean answered;

    private StopResponder(Stream stream, Acceptor acceptor, Duration timeout) {
        this.stream = stream;
        this.acceptor = acceptor;
        this.timeout = timeout;
    }

    static void install(Stream stream, Acceptor acceptor, Duration timeout) {
        stream.channel().pipeline().addLast(RelayMessageDecoder.stop(), new StopResponder(stream, acceptor, timeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (!answered) {
                answered = true;
                RelayStreams.reset(ctx.channel());
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof StopMessage request) || answered) {
            ReferenceCountUtil.release(msg);
            return;
        }
        answered = true;
        deadline.cancel(false);
        if (request.getType() != StopMessage.Type.CONNECT) {
            answerAndEnd(ctx, Status.UNEXPECTED_MESSAGE);
            return;
        }
        PeerId source;
        try {
            source = RelayMessages.peerOf(request.hasPeer(), request.getPeer());
        } catch (RelayWireException e) {
            log.debug("stop CONNECT from relay {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, e.status());
            return;
        }
        Accepted accepted = acceptor.accept(stream, source, RelayMessages.limitOf(request.hasLimit(), request.getLimit()));
        if (accepted.status() != Status.OK) {
            answerAndEnd(ctx, accepted.status());
            return;
        }
        ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), RelayMessages.stopStatus(Status.OK)));
        accepted.takeOver().run();
    }

    private static void answerAndEnd(ChannelHandlerContext ctx, Status status) {
        ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), RelayMessages.stopStatus(status)));
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
            log.debug("stop stream from relay {}: {}", stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, e.status());
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
