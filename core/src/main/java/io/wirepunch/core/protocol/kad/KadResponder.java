package io.wirepunch.core.protocol.kad;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one inbound kad stream. Requests are answered one after another in the order
 * they came (the spec allows several per stream). The stream ends cleanly when the remote has
 * half-closed and every answer is out, or when it stays idle; it is reset on a bad message, too many
 * queued requests or a failed handler. The connection is never touched.
 */
public final class KadResponder extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(KadResponder.class);

    private final PeerId remote;
    private final KadRequestHandler handler;
    private final long idleTimeoutNanos;
    private final ArrayDeque<KadMessage> queued = new ArrayDeque<>();
    private boolean busy;
    private boolean inputClosed;
    private boolean ended;
    private ChannelFuture lastWrite;
    private ScheduledFuture<?> idleTimer;

    private KadResponder(PeerId remote, KadRequestHandler handler, Duration idleTimeout) {
        this.remote = remote;
        this.handler = handler;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    public static void install(Channel stream, PeerId remote, KadRequestHandler handler) {
        install(stream, remote, handler, KadProtocol.STREAM_IDLE_TIMEOUT);
    }

    static void install(Channel stream, PeerId remote, KadRequestHandler handler, Duration idleTimeout) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(KadProtocol.MAX_MESSAGE_BYTES),
                new KadResponder(remote, handler, idleTimeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        armIdleTimer(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (ended) {
            return;
        }
        KadMessage request;
        try {
            request = KadCodec.decode(frame);
        } catch (KadException e) {
            reset(ctx, e.getMessage());
            return;
        }
        if (queued.size() >= KadProtocol.MAX_QUEUED_REQUESTS) {
            reset(ctx, "more than " + KadProtocol.MAX_QUEUED_REQUESTS + " requests queued on one stream");
            return;
        }
        cancelIdleTimer();
        queued.add(request);
        answerNext(ctx);
    }

    private void answerNext(ChannelHandlerContext ctx) {
        if (busy || ended) {
            return;
        }
        KadMessage request = queued.poll();
        if (request == null) {
            if (inputClosed) {
                end(ctx);
            } else {
                armIdleTimer(ctx);
            }
            return;
        }
        busy = true;
        CompletionStage<Optional<KadMessage>> answer;
        try {
            answer = handler.handle(remote, request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            if (ctx.executor().inEventLoop()) {
                answered(ctx, request, response, error);
            } else {
                ctx.executor().execute(() -> answered(ctx, request, response, error));
            }
        });
    }

    private void answered(ChannelHandlerContext ctx, KadMessage request, Optional<KadMessage> response, Throwable error) {
        busy = false;
        if (ended) {
            return;
        }
        if (error != null) {
            reset(ctx, "handling " + request.type() + " failed: " + error);
            return;
        }
        if (response.isPresent()) {
            if (response.get().type() != request.type()) {
                // Our own handler broke the protocol; the remote must not receive an answer it cannot match.
                log.warn("kad handler answered {} with {}; resetting the stream", request.type(), response.get().type());
                reset(ctx, "answer of the wrong type");
                return;
            }
            lastWrite = ctx.writeAndFlush(KadCodec.frame(ctx.alloc(), response.get()));
        }
        answerNext(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            if (!busy && queued.isEmpty()) {
                end(ctx);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void end(ChannelHandlerContext ctx) {
        if (ended) {
            return;
        }
        ended = true;
        cancelIdleTimer();
        Channel stream = ctx.channel();
        if (lastWrite == null) {
            StreamEnds.closeGracefully(stream);
        } else {
            lastWrite.addListener(f -> StreamEnds.closeGracefully(stream));
        }
    }

    private void armIdleTimer(ChannelHandlerContext ctx) {
        cancelIdleTimer();
        idleTimer = ctx.executor().schedule(() -> {
            if (!busy && queued.isEmpty() && !ended) {
                log.debug("kad stream from {} idle for {} ms; closing", remote, TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos));
                end(ctx);
            }
        }, idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void reset(ChannelHandlerContext ctx, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        cancelIdleTimer();
        queued.clear();
        log.debug("kad stream from {}: {}; resetting it", remote, reason);
        StreamEnds.reset(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ended = true;
        cancelIdleTimer();
        queued.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly the frame decoder: a length above MAX_MESSAGE_BYTES or a malformed prefix.
        reset(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }
}
