package io.wirepunch.core.upgrade.yamux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;

/**
 * The Yamux session of one connection. Add it to the connection's pipeline after the security
 * layer; it puts its frame decoder and encoder in front of itself. Every stream is a
 * {@link YamuxStreamChannel} child channel; streams the remote opens get
 * {@code inboundStreamInitializer} (usually a {@code ChannelInitializer}, so it must be sharable).
 * The public methods are safe to call from any thread.
 */
public final class YamuxMultiplexer extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(YamuxMultiplexer.class);

    private final boolean initiator;
    private final YamuxConfig config;
    private final ChannelHandler inboundStreamInitializer;
    private volatile ChannelHandlerContext ctx;
    private volatile YamuxSession session;

    /**
     * @param initiator true on the side that dialled the connection: it opens odd stream ids, the other even ones
     */
    public YamuxMultiplexer(boolean initiator, YamuxConfig config, ChannelHandler inboundStreamInitializer) {
        this.initiator = initiator;
        this.config = Objects.requireNonNull(config, "config");
        this.inboundStreamInitializer = Objects.requireNonNull(inboundStreamInitializer, "inboundStreamInitializer");
    }

    /** The multiplexer on a connection's pipeline. */
    public static YamuxMultiplexer of(Channel connection) {
        YamuxMultiplexer multiplexer = connection.pipeline().get(YamuxMultiplexer.class);
        if (multiplexer == null) {
            throw new IllegalArgumentException("no Yamux multiplexer on " + connection);
        }
        return multiplexer;
    }

    public boolean isInitiator() {
        return initiator;
    }

    public YamuxConfig config() {
        return config;
    }

    /**
     * Opens a stream and sends its SYN. The future completes with the registered stream channel,
     * whose pipeline already holds {@code initializer} (may be null), or fails with
     * {@link YamuxStreamRefusedException} when the remote sent GoAway or a limit is reached.
     */
    public Future<Channel> openStream(ChannelHandler initializer) {
        return onLoop(loop -> {
            Promise<Channel> promise = loop.newPromise();
            try {
                promise.setSuccess(session.openStream(initializer));
            } catch (YamuxStreamRefusedException e) {
                promise.setFailure(e);
            }
            return promise;
        });
    }

    /** Sends a Yamux ping; the future completes with the round-trip time, or fails on timeout or close. */
    public Future<Duration> ping() {
        return onLoop(loop -> session.pings().ping(loop.newPromise()));
    }

    /**
     * Tells the remote that this side opens no more streams and accepts none; existing streams carry on.
     * The future completes when the GoAway frame was written.
     */
    public Future<Void> goAway() {
        return onLoop(loop -> {
            Promise<Void> promise = loop.newPromise();
            ChannelFuture sent = session.goAway(YamuxFrame.GO_AWAY_NORMAL);
            sent.addListener(f -> {
                if (f.isSuccess()) {
                    promise.setSuccess(null);
                } else {
                    promise.setFailure(f.cause());
                }
            });
            return promise;
        });
    }

    /** True once the remote sent GoAway: new outbound streams are refused from then on. */
    public boolean remoteSentGoAway() {
        YamuxSession current = session;
        return current != null && current.remoteSentGoAway();
    }

    /** Streams in the table right now: open ones plus closed ones still waiting for the remote's FIN. */
    public Future<Integer> streamCount() {
        return onLoop(loop -> loop.newSucceededFuture(session.streamCount()));
    }

    // ---- ChannelHandler ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), null, new YamuxFrameDecoder(config.maxStreamWindow()));
        ctx.pipeline().addBefore(ctx.name(), null, new YamuxFrameEncoder());
        this.session = new YamuxSession(ctx, initiator, config, inboundStreamInitializer);
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            session.pings().startKeepAlive();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.pings().startKeepAlive();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof YamuxFrame frame)) {
            ReferenceCountUtil.release(msg);
            session.protocolError(new YamuxProtocolException("unexpected message " + msg.getClass().getName()));
            return;
        }
        try {
            session.onFrame(frame);
        } catch (YamuxProtocolException e) {
            session.protocolError(e);
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.onReadComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.onConnectionWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onConnectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable protocolError = cause instanceof YamuxProtocolException ? cause : cause.getCause();
        if (protocolError instanceof YamuxProtocolException) {
            session.protocolError(protocolError);
            return;
        }
        log.debug("{} closing after error", ctx.channel(), cause);
        ctx.close();
    }

    private interface LoopCall<T> {
        Future<T> call(EventLoop loop);
    }

    private <T> Future<T> onLoop(LoopCall<T> call) {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            throw new IllegalStateException("the multiplexer is not on a pipeline yet");
        }
        EventLoop loop = context.channel().eventLoop();
        if (loop.inEventLoop()) {
            return call.call(loop);
        }
        Promise<T> result = loop.newPromise();
        try {
            loop.execute(() -> call.call(loop).addListener(f -> {
                if (f.isSuccess()) {
                    @SuppressWarnings("unchecked") T value = (T) f.getNow();
                    result.setSuccess(value);
                } else {
                    result.setFailure(f.cause());
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.setFailure(new ClosedChannelException());
        }
        return result;
    }
}
