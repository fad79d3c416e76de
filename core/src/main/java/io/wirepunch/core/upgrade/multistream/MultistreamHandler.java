package io.wirepunch.core.upgrade.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What both roles share: message framing, the negotiation timeout, and the hand-over to the
 * selected protocol. Extending {@link ByteToMessageDecoder} gives the hand-over for free: when
 * the handler removes itself, the decoder passes whatever it has not consumed to the next
 * handler, which is how bytes sent right behind the final message (lazy select) reach the
 * selected protocol.
 */
public abstract class MultistreamHandler extends ByteToMessageDecoder {

    /** How long a negotiation may take before the channel is closed. */
    public static final Duration NEGOTIATION_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEGOTIATING, SELECTED, FAILED }

    private final MultistreamListener listener;
    private final Duration timeout;
    private State state = State.NEGOTIATING;
    private boolean started;
    private ScheduledFuture<?> timeoutTask;

    MultistreamHandler(MultistreamListener listener, Duration timeout) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Called once, when the channel is active and the handler is in the pipeline. */
    void start(ChannelHandlerContext ctx) {
    }

    /** Called for each complete message while negotiating. */
    abstract void onMessage(ChannelHandlerContext ctx, String message) throws MultistreamException;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeoutTask = ctx.executor().schedule(() -> fail(ctx, new MultistreamException(Reason.TIMEOUT,
                "no protocol agreed within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (ctx.channel().isActive()) {
            startOnce(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startOnce(ctx);
        super.channelActive(ctx);
    }

    private void startOnce(ChannelHandlerContext ctx) {
        if (!started && state == State.NEGOTIATING) {
            started = true;
            start(ctx);
        }
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (state == State.NEGOTIATING) {
                String message = MultistreamMessages.read(in);
                if (message == null) {
                    return;
                }
                onMessage(ctx, message);
            }
        } catch (MultistreamException e) {
            fail(ctx, e);
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new MultistreamException(Reason.CHANNEL_CLOSED, "channel closed before a protocol was agreed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.NEGOTIATING) {
            fail(ctx, new MultistreamException(Reason.CHANNEL_ERROR,
                    "channel failed during negotiation: " + cause.getMessage(), cause));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    /** Hands the channel to {@code protocol}: the listener installs it, then this handler leaves. */
    final void select(ChannelHandlerContext ctx, String protocol) {
        state = State.SELECTED;
        cancelTimeout();
        ctx.flush();
        try {
            listener.selected(ctx, protocol);
        } catch (Throwable t) {
            state = State.NEGOTIATING;
            fail(ctx, new MultistreamException(Reason.INSTALL_FAILED,
                    "installing " + protocol + " failed: " + t, t));
            return;
        }
        ctx.pipeline().remove(this);
    }

    final void fail(ChannelHandlerContext ctx, MultistreamException cause) {
        if (state != State.NEGOTIATING) {
            return;
        }
        state = State.FAILED;
        cancelTimeout();
        try {
            listener.failed(cause);
        } finally {
            ctx.flush();
            ctx.close();
        }
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
    }
}
