package io.wirepunch.core.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes a connection carries at the bottom of its pipeline: what went over the wire
 * (or the circuit), Noise and Yamux framing included, as WireGuard's rx/tx counts its packets.
 */
final class TrafficCounter extends ChannelDuplexHandler {
    static final String NAME = "traffic-counter";

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    long received() {
        return received.get();
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.addAndGet(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Counted when handed to the socket: a listener per write would cost the bulk path.
        sent.addAndGet(size(msg));
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }
}
