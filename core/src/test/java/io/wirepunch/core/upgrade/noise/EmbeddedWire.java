package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two EmbeddedChannels whose outbound bytes are carried to each other by {@link #pump}. */
final class EmbeddedWire implements AutoCloseable {
    final EmbeddedChannel left;
    final EmbeddedChannel right;
    final Recorder leftApp = new Recorder();
    final Recorder rightApp = new Recorder();

    EmbeddedWire(NoiseHandshakeHandler leftHandler, NoiseHandshakeHandler rightHandler) {
        left = new EmbeddedChannel(leftHandler, leftApp);
        right = new EmbeddedChannel(rightHandler, rightApp);
    }

    /** Carries bytes both ways until both sides are quiet; each buffer is delivered whole. */
    void pump() {
        pump(Integer.MAX_VALUE);
    }

    /** Like {@link #pump()}, but delivers at most {@code chunk} bytes per read. */
    void pump(int chunk) {
        boolean moved = true;
        while (moved) {
            moved = carry(left, right, chunk) | carry(right, left, chunk);
        }
    }

    /** Moves everything {@code from} has written into {@code to}; true if anything moved. */
    static boolean carry(EmbeddedChannel from, EmbeddedChannel to, int chunk) {
        boolean moved = false;
        ByteBuf out;
        while ((out = from.readOutbound()) != null) {
            moved = true;
            if (!to.isOpen()) {
                out.release();
                continue;
            }
            while (out.isReadable()) {
                to.writeInbound(out.readRetainedSlice(Math.min(chunk, out.readableBytes())));
            }
            out.release();
        }
        return moved;
    }

    @Override
    public void close() {
        left.finishAndReleaseAll();
        right.finishAndReleaseAll();
    }

    /** Stands in for the layer above Noise: collects plaintext, user events and exceptions. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
        private final List<byte[]> received = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            synchronized (received) {
                received.add(bytes);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }

        byte[] receivedBytes() {
            synchronized (received) {
                int total = received.stream().mapToInt(b -> b.length).sum();
                byte[] all = new byte[total];
                int pos = 0;
                for (byte[] b : received) {
                    System.arraycopy(b, 0, all, pos, b.length);
                    pos += b.length;
                }
                return all;
            }
        }
    }
}
