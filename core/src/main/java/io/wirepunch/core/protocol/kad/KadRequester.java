package io.wirepunch.core.protocol.kad;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one outbound kad stream: sends the request, half-closes, and completes
 * {@code result} with the first answer, which must carry the request's type. The stream is closed
 * after the answer and reset on anything else.
 */
final class KadRequester extends SimpleChannelInboundHandler<ByteBuf> {
    private final KadMessage request;
    private final CompletableFuture<KadMessage> result;

    private KadRequester(KadMessage request, CompletableFuture<KadMessage> result) {
        this.request = request;
        this.result = result;
    }

    /** Installs the handlers on a freshly negotiated stream and sends the request. */
    static void start(Channel stream, KadMessage request, CompletableFuture<KadMessage> result) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(KadProtocol.MAX_MESSAGE_BYTES),
                new KadRequester(request, result));
        // Whatever ends the request (answer, timeout, error) ends the stream too.
        result.whenComplete((answer, error) -> {
            if (error != null && stream.isOpen()) {
                StreamEnds.reset(stream);
            }
        });
        stream.writeAndFlush(KadCodec.frame(stream.alloc(), request)).addListener(f -> {
            if (f.isSuccess()) {
                StreamEnds.halfClose(stream);
            } else {
                result.completeExceptionally(new KadException("could not send " + request.type() + ": " + f.cause()));
            }
        });
    }

    /** Sends a message that gets no answer (ADD_PROVIDER), then ends the stream; completes once it is sent. */
    static void sendOnly(Channel stream, KadMessage message, CompletableFuture<Void> sent) {
        stream.writeAndFlush(KadCodec.frame(stream.alloc(), message)).addListener(f -> {
            if (f.isSuccess()) {
                StreamEnds.closeGracefully(stream);
                sent.complete(null);
            } else {
                StreamEnds.reset(stream);
                sent.completeExceptionally(new KadException("could not send " + message.type() + ": " + f.cause()));
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (result.isDone()) {
            return;
        }
        KadMessage answer;
        try {
            answer = KadCodec.decode(frame);
        } catch (KadException e) {
            result.completeExceptionally(e);
            return;
        }
        if (answer.type() != request.type()) {
            result.completeExceptionally(new KadException("asked " + request.type() + ", answered " + answer.type()));
            return;
        }
        result.complete(answer);
        StreamEnds.closeGracefully(ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !result.isDone()) {
            result.completeExceptionally(new KadException("the remote ended the stream without answering " + request.type()));
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new KadException("the stream closed before an answer to " + request.type()));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(new KadException("bad answer to " + request.type() + ": " + cause.getMessage()));
    }
}
