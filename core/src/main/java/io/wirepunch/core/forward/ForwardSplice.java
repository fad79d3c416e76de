package io.wirepunch.core.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.upgrade.yamux.YamuxStreamChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins a forward stream and a local TCP connection: bytes read on one are written to the other.
 * A side stops reading while the other cannot take more writes, so nothing is buffered beyond the
 * channels' own write buffers, and the sender is held back by the Yamux window or TCP. A FIN on
 * one side becomes a FIN (shutdownOutput) on the other; once both directions have finished, both
 * channels close. A reset, error or abrupt close of one side ends the other with RST.
 */
final class ForwardSplice {
    /** Bytes passed on, for the forward's counters. */
    interface Traffic {
        void passed(boolean towardsStream, int bytes);
    }

    private final Channel stream;
    private final Channel tcp;
    private final Traffic traffic;
    private final AtomicInteger finishedDirections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger(2);
    private final AtomicBoolean aborted = new AtomicBoolean();

    private ForwardSplice(Channel stream, Channel tcp, Traffic traffic) {
        this.stream = stream;
        this.tcp = tcp;
        this.traffic = traffic;
    }

    /**
     * Starts splicing. Call on the stream's event loop; the TCP channel must be active and not yet
     * reading (autoRead off). {@code ended} runs once, when both channels are closed.
     */
    static ForwardSplice start(Channel stream, Channel tcp, Traffic traffic, Runnable ended) {
        ForwardSplice s = new ForwardSplice(stream, tcp, traffic);
        Direction fromStream = s.new Direction(tcp, true);
        Direction fromTcp = s.new Direction(stream, false);
        for (Direction d : new Direction[] {fromStream, fromTcp}) {
            Channel ch = d.from();
            ch.closeFuture().addListener(f -> {
                // Closed before its input ended, or reset: the bytes it owed never come.
                if (!d.inputEnded || (ch instanceof YamuxStreamChannel y && y.isReset())) {
                    s.abort();
                }
                if (s.open.decrementAndGet() == 0) {
                    ended.run();
                }
            });
        }
        stream.pipeline().addLast("forward-splice", fromStream);
        stream.config().setAutoRead(true);
        tcp.eventLoop().execute(() -> {
            tcp.pipeline().addLast("forward-splice", fromTcp);
            tcp.config().setAutoRead(true);
        });
        return s;
    }

    /**
     * Ends both sides at once: the stream is reset, the TCP connection closed with RST, so that
     * neither end mistakes a broken connection for a complete one.
     */
    void abort() {
        if (aborted.compareAndSet(false, true)) {
            StreamEnds.reset(stream);
            if (!tcp.isOpen()) {
                return;
            }
            try {
                tcp.eventLoop().execute(() -> {
                    tcp.config().setOption(ChannelOption.SO_LINGER, 0);
                    tcp.close();
                });
            } catch (RejectedExecutionException e) {
                tcp.close();
            }
        }
    }

    private void directionFinished() {
        if (finishedDirections.incrementAndGet() == 2) {
            stream.close();
            tcp.close();
        }
    }

    /** Reads one channel and writes to the other; lives on the reading channel's event loop. */
    private final class Direction extends ChannelInboundHandlerAdapter {
        private final Channel to;
        private final boolean fromStream;
        private boolean unflushed;
        private volatile boolean inputEnded;

        Direction(Channel to, boolean fromStream) {
            this.to = to;
            this.fromStream = fromStream;
        }

        Channel from() {
            return fromStream ? stream : tcp;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf) || aborted.get()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            int n = buf.readableBytes();
            if (n == 0) {
                buf.release();
                return;
            }
            to.write(buf).addListener(this::written);
            unflushed = true;
            traffic.passed(!fromStream, n);
            if (!to.isWritable()) {
                ctx.channel().config().setAutoRead(false);
                // The other side may have drained between the check and the switch.
                if (to.isWritable()) {
                    ctx.channel().config().setAutoRead(true);
                }
            }
        }

        private void written(io.netty.util.concurrent.Future<? super Void> f) {
            if (!f.isSuccess()) {
                abort();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush();
            ctx.fireChannelReadComplete();
        }

        /** This channel takes writes again: the other one may read again. */
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !aborted.get()) {
                to.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent && !inputEnded) {
                inputEnded = true;
                unflushed = false;
                if (aborted.get() || !to.isOpen()) {
                    abort();
                    ReferenceCountUtil.release(evt);
                    return;
                }
                // A socket's shutdownOutput drops writes still queued: FIN only once the last one is out.
                to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFuture w) -> {
                    if (!w.isSuccess() || !(to instanceof DuplexChannel duplex)) {
                        abort();
                        return;
                    }
                    duplex.shutdownOutput().addListener((ChannelFuture f) -> {
                        if (f.isSuccess()) {
                            directionFinished();
                        } else {
                            abort();
                        }
                    });
                });
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            abort();
        }

        private void flush() {
            if (unflushed) {
                unflushed = false;
                to.flush();
            }
        }
    }
}
