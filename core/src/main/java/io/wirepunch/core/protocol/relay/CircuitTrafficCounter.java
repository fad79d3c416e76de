package io.wirepunch.core.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.wirepunch.core.identity.PeerId;

/** Counts the bytes that cross a circuit stream in each direction, for a {@link CircuitTrafficListener}. */
final class CircuitTrafficCounter extends ChannelDuplexHandler {
    private final PeerId relay;
    private final CircuitTrafficListener listener;

    CircuitTrafficCounter(PeerId relay, CircuitTrafficListener listener) {
        this.relay = relay;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long n = size(msg);
        if (n > 0) {
            listener.received(relay, n);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long n = size(msg);
        if (n > 0) {
            listener.sent(relay, n);
        }
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
    }
}
