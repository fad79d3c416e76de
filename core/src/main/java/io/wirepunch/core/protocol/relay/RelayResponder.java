package io.wirepunch.core.protocol.relay;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hop and stop responders share: a stream that carries exactly one request, answered
 * once. A request that does not decode is answered with its status (MALFORMED_MESSAGE) and the
 * stream ends; a stream that sends nothing within the handshake timeout is reset.
 */
abstract class RelayResponder<T extends MessageLite> extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RelayResponder.class);

    protected final Stream stream;
    private final Class<T> requestType;
    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    private boolean answered;

    RelayResponder(Stream stream, Class<T> requestType, Duration timeout) {
        this.stream = stream;
        this.requestType = requestType;
        this.timeout = timeout;
    }

    /** Handles the request; answer with {@link #answerAndEnd} or hand the stream over. */
    abstract void onRequest(ChannelHandlerContext ctx, T request);

    /** A STATUS message of this protocol. */
    abstract MessageLite status(Status status);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (!answered) {
                log.debug("{} from {} sent no request within {} ms", stream.protocol(), stream.remotePeer(), timeout.toMillis());
                answered = true;
                StreamEnds.reset(ctx.channel());
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!requestType.isInstance(msg) || answered) {
            ReferenceCountUtil.release(msg);
            return;
        }
        answered = true;
        deadline.cancel(false);
        onRequest(ctx, requestType.cast(msg));
    }

    static void answerAndEnd(ChannelHandlerContext ctx, MessageLite answer) {
        ctx.writeAndFlush(RelayMessages.frame(ctx.alloc(), answer));
        StreamEnds.closeGracefully(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (answered) {
            StreamEnds.reset(ctx.channel());
            return;
        }
        answered = true;
        deadline.cancel(false);
        if (cause instanceof RelayWireException e) {
            log.debug("{} from {}: {}", stream.protocol(), stream.remotePeer(), e.getMessage());
            answerAndEnd(ctx, status(e.status()));
        } else {
            StreamEnds.reset(ctx.channel());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
