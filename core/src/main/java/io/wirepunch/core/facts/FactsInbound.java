package io.wirepunch.core.facts;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.protocol.StreamEnds;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a receiving facts stream's pipeline: hands each message on, closes the stream once the
 * sender ended its side, resets it when it idles past {@link FactsProtocol#STREAM_IDLE_TIMEOUT} or
 * fails.
 */
final class FactsInbound extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FactsInbound.class);

    private final Consumer<FactsMessage> receiver;

    FactsInbound(Consumer<FactsMessage> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FactsMessage m) {
            receiver.accept(m);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            log.debug("facts stream {} idle; resetting", ctx.channel());
            StreamEnds.reset(ctx.channel());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("facts stream {} failed: {}", ctx.channel(), cause.getMessage());
        StreamEnds.reset(ctx.channel());
    }
}
