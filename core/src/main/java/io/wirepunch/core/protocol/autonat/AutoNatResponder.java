package io.wirepunch.core.protocol.autonat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one AutoNAT stream: reads one DIAL, answers it, ends the stream. Bytes that
 * are no message (or a frame above the limit) reset the stream unanswered; a message that is not a
 * usable DIAL is answered E_BAD_REQUEST; a second message, or none within the read timeout, resets it.
 */
final class AutoNatResponder extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(AutoNatResponder.class);

    private final PeerId requester;
    private final Multiaddr requesterAddr;
    private final BiFunction<PeerId, AutoNatMessage.Dial, CompletionStage<DialResponse>> handler;
    private final Duration readTimeout;
    private boolean requested;
    private boolean ended;
    private ScheduledFuture<?> readDeadline;

    private AutoNatResponder(PeerId requester, Multiaddr requesterAddr,
                             BiFunction<PeerId, AutoNatMessage.Dial, CompletionStage<DialResponse>> handler,
                             Duration readTimeout) {
        this.requester = requester;
        this.requesterAddr = requesterAddr;
        this.handler = handler;
        this.readTimeout = readTimeout;
    }

    /**
     * @param requester the authenticated peer at the other end of the stream
     * @param requesterAddr the remote address of the connection it came on
     */
    static void install(Channel stream, PeerId requester, Multiaddr requesterAddr, DialBackHandler handler) {
        install(stream, requester, requesterAddr,
                (peer, dial) -> handler.handle(peer, requesterAddr, dial), AutoNatProtocol.REQUEST_READ_TIMEOUT);
    }

    static void install(Channel stream, PeerId requester, Multiaddr requesterAddr,
                        BiFunction<PeerId, AutoNatMessage.Dial, CompletionStage<DialResponse>> handler,
                        Duration readTimeout) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(AutoNatProtocol.MAX_MESSAGE_BYTES),
                new AutoNatResponder(requester, requesterAddr, handler, readTimeout));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        readDeadline = ctx.executor().schedule(() -> {
            if (!requested) {
                reset(ctx, "no DIAL within " + readTimeout.toMillis() + " ms");
            }
        }, readTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (ended) {
            return;
        }
        if (requested) {
            reset(ctx, "more than one message on an AutoNAT stream");
            return;
        }
        requested = true;
        readDeadline.cancel(false);
        AutoNatMessage message;
        try {
            message = AutoNatCodec.decode(frame);
        } catch (AutoNatException e) {
            if (e.kind() == AutoNatException.Kind.MALFORMED) {
                reset(ctx, e.getMessage());
            } else {
                answer(ctx, DialResponse.error(ResponseStatus.E_BAD_REQUEST, e.getMessage()));
            }
            return;
        }
        if (!(message instanceof AutoNatMessage.Dial dial)) {
            answer(ctx, DialResponse.error(ResponseStatus.E_BAD_REQUEST, "expected a DIAL"));
            return;
        }
        CompletionStage<DialResponse> response;
        try {
            response = handler.apply(requester, dial);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                log.warn("autonat request from {} failed", requester, error);
                answer(ctx, DialResponse.error(ResponseStatus.E_INTERNAL_ERROR, "internal error"));
            } else {
                answer(ctx, r);
            }
        }));
    }

    private void answer(ChannelHandlerContext ctx, DialResponse response) {
        if (ended) {
            return;
        }
        ended = true;
        Channel stream = ctx.channel();
        ctx.writeAndFlush(AutoNatCodec.frame(ctx.alloc(), response)).addListener(f -> StreamEnds.closeGracefully(stream));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !requested) {
            reset(ctx, "the requester ended the stream without a DIAL");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void reset(ChannelHandlerContext ctx, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (readDeadline != null) {
            readDeadline.cancel(false);
        }
        log.debug("autonat stream from {} ({}): {}; resetting it", requester, requesterAddr, reason);
        StreamEnds.reset(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ended = true;
        if (readDeadline != null) {
            readDeadline.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly the frame decoder: a length above MAX_MESSAGE_BYTES or a malformed prefix.
        reset(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }
}
