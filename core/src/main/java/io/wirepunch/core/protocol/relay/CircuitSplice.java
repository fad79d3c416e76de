package io.wirepunch.core.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.upgrade.yamux.YamuxStreamChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins the source's hop stream and the destination's stop stream: bytes read on one are written to
 * the other. Back-pressure: a side stops reading while the other cannot take more (its Yamux send
 * window or write buffer is full), so the relay never holds more than the streams' own buffers, and
 * the sender is held back by its receive window. A FIN is passed on as a FIN, a reset as a reset.
 * The circuit ends when either limit is reached: {@link CircuitLimit#dataBytes()} in one direction
 * (exactly that many bytes are passed on), or {@link CircuitLimit#duration()}.
 */
final class CircuitSplice {
    /**
     * When a circuit ends, queued bytes get this long to leave (FIN after them) before both streams
     * are reset; a peer that stops reading cannot keep a closed circuit's buffers alive.
     */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    /** What the splice tells its circuit. */
    interface Listener {
        void relayed(boolean sourceToDestination, long bytes);

        /** Both streams are closed; called once. */
        void ended(String reason);
    }

    private final Channel source;
    private final Channel destination;
    private final CircuitLimit limit;
    private final Listener listener;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicInteger open = new AtomicInteger(2);
    private volatile String reason = "both ends closed";
    private volatile Scheduler.Cancellable durationTimer;

    private CircuitSplice(Channel source, Channel destination, CircuitLimit limit, Listener listener) {
        this.source = source;
        this.destination = destination;
        this.limit = limit;
        this.listener = listener;
    }

    /**
     * Starts relaying between two streams whose pipelines hold nothing but the message decoder (or
     * nothing): hands each stream over to a direction handler and arms the duration limit.
     */
    static CircuitSplice start(Channel source, Channel destination, CircuitLimit limit, Scheduler scheduler,
                               Listener listener, io.netty.channel.ChannelHandler sourceHandler,
                               io.netty.channel.ChannelHandler destinationHandler) {
        CircuitSplice s = new CircuitSplice(source, destination, limit, listener);
        for (Channel ch : new Channel[] {source, destination}) {
            ch.closeFuture().addListener(f -> {
                if (s.open.decrementAndGet() == 0) {
                    Scheduler.Cancellable t = s.durationTimer;
                    if (t != null) {
                        t.cancel();
                    }
                    listener.ended(s.reason);
                } else {
                    s.end(ch == source ? "the source closed its stream" : "the destination closed its stream");
                }
            });
        }
        if (!limit.duration().isZero()) {
            s.durationTimer = scheduler.schedule(limit.duration(),
                    () -> s.end("duration limit of " + limit.duration().toSeconds() + " s reached"));
        }
        RelayStreams.handOver(source, sourceHandler, () -> source.pipeline().addLast("circuit", s.new Direction(destination, true)));
        RelayStreams.handOver(destination, destinationHandler,
                () -> destination.pipeline().addLast("circuit", s.new Direction(source, false)));
        return s;
    }

    /** Ends the circuit: stops reading, lets queued bytes out with a FIN behind them, then closes. */
    void end(String why) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        reason = why;
        for (Channel ch : new Channel[] {source, destination}) {
            ch.eventLoop().execute(() -> {
                ch.config().setAutoRead(false);
                StreamEnds.closeGracefully(ch);
                ch.eventLoop().schedule(() -> {
                    if (ch.isOpen()) {
                        StreamEnds.reset(ch);
                    }
                }, DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            });
        }
    }

    /** Ends the circuit at once: both streams are reset, nothing queued is passed on. */
    private void abort(String why) {
        if (ending.compareAndSet(false, true)) {
            reason = why;
        }
        StreamEnds.reset(source);
        StreamEnds.reset(destination);
    }

    /** Reads one stream and writes to the other; lives on the reading stream's event loop. */
    private final class Direction extends ChannelInboundHandlerAdapter {
        private final Channel to;
        private final boolean sourceToDestination;
        private long passed;
        private boolean unflushed;
        /**
         * A write the other stream refused (its queue limit, say) leaves a hole in the relayed bytes, and
         * passing on what follows would corrupt the circuit silently: abort it instead.
         */
        private final ChannelFutureListener writeFailed = this::onWritten;

        Direction(Channel to, boolean sourceToDestination) {
            this.to = to;
            this.sourceToDestination = sourceToDestination;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf) || ending.get()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            int n = buf.readableBytes();
            boolean limitReached = false;
            if (limit.dataBytes() > 0 && passed + n >= limit.dataBytes()) {
                int allowed = (int) (limit.dataBytes() - passed);
                if (allowed < n) {
                    ByteBuf part = buf.readRetainedSlice(allowed);
                    buf.release();
                    buf = part;
                    n = allowed;
                }
                limitReached = true;
            }
            passed += n;
            if (n > 0) {
                to.write(buf).addListener(writeFailed);
                unflushed = true;
                listener.relayed(sourceToDestination, n);
            } else {
                buf.release();
            }
            if (limitReached) {
                flush();
                end("data limit of " + limit.dataBytes() + " bytes reached");
                return;
            }
            if (!to.isWritable()) {
                ctx.channel().config().setAutoRead(false);
                // The other side may have drained between the check and the switch.
                if (to.isWritable()) {
                    ctx.channel().config().setAutoRead(true);
                }
            }
        }

        private void onWritten(io.netty.channel.ChannelFuture f) {
            if (!f.isSuccess() && to.isOpen() && !ending.get()) {
                abort("a write to the " + (sourceToDestination ? "destination" : "source") + " failed: " + f.cause());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush();
            ctx.fireChannelReadComplete();
        }

        /** This stream can take writes again: the opposite direction may read again. */
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !ending.get()) {
                to.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                flush();
                if (to instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                }
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof YamuxStreamChannel y && y.isReset() && !ending.get()) {
                StreamEnds.reset(to);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end("stream failed: " + cause.getMessage());
        }

        private void flush() {
            if (unflushed) {
                unflushed = false;
                to.flush();
            }
        }
    }
}
