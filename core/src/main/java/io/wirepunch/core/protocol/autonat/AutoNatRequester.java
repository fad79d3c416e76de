package io.wirepunch.core.protocol.autonat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.autonat.AutoNatException.Kind;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one AutoNAT stream: sends the DIAL, half-closes, and completes {@code result}
 * with the DIAL_RESPONSE. The stream is closed after the answer and reset on anything else.
 */
final class AutoNatRequester extends SimpleChannelInboundHandler<ByteBuf> {
    private final CompletableFuture<DialResponse> result;

    private AutoNatRequester(CompletableFuture<DialResponse> result) {
        this.result = result;
    }

    static void start(Channel stream, AutoNatMessage.Dial request, CompletableFuture<DialResponse> result) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(AutoNatProtocol.MAX_MESSAGE_BYTES),
                new AutoNatRequester(result));
        result.whenComplete((answer, error) -> {
            if (error != null && stream.isOpen()) {
                StreamEnds.reset(stream);
            }
        });
        stream.writeAndFlush(AutoNatCodec.frame(stream.alloc(), request)).addListener(f -> {
            if (f.isSuccess()) {
                StreamEnds.halfClose(stream);
            } else {
                result.completeExceptionally(new AutoNatException(Kind.EXCHANGE, "could not send the DIAL: " + f.cause()));
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (result.isDone()) {
            return;
        }
        AutoNatMessage answer;
        try {
            answer = AutoNatCodec.decode(frame);
        } catch (AutoNatException e) {
            result.completeExceptionally(e);
            return;
        }
        if (!(answer instanceof DialResponse response)) {
            result.completeExceptionally(new AutoNatException(Kind.INVALID, "a DIAL was answered with a DIAL"));
            return;
        }
        result.complete(response);
        StreamEnds.closeGracefully(ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !result.isDone()) {
            result.completeExceptionally(new AutoNatException(Kind.EXCHANGE, "the server ended the stream without answering"));
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new AutoNatException(Kind.EXCHANGE, "the stream closed before an answer"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(new AutoNatException(Kind.MALFORMED, "bad answer: " + cause.getMessage()));
    }
}
