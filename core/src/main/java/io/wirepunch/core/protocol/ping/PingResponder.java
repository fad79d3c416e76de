package io.wirepunch.core.protocol.ping;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Echoes every complete 32-byte ping payload; closes the stream when the remote finishes or idles. */
public final class PingResponder extends ByteToMessageDecoder {

    /** Adds the responder, with its idle timeout, to a stream's pipeline. */
    public static void install(io.netty.channel.Channel stream) {
        stream.pipeline().addLast(
                new IdleStateHandler(0, 0, PingProtocol.IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                new PingResponder());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean wrote = false;
        while (in.readableBytes() >= PingProtocol.PAYLOAD_BYTES) {
            ctx.write(in.readRetainedSlice(PingProtocol.PAYLOAD_BYTES));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent || evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
