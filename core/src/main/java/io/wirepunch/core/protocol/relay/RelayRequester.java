package io.wirepunch.core.protocol.relay;

import com.google.protobuf.MessageLite;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one hop or stop request on a fresh stream and completes with the single answer, on the
 * stream's event loop. It leaves the pipeline alone on success: the caller ends the stream or hands
 * it over (see {@link RelayStreams#handOver}). On a bad answer, a closed stream or the timeout the
 * stream is reset and the result fails with a {@link RelayException}.
 */
final class RelayRequester<T extends MessageLite> extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<T> result;
    private final Class<T> type;

    private RelayRequester(CompletableFuture<T> result, Class<T> type) {
        this.result = result;
        this.type = type;
    }

    static <T extends MessageLite> CompletableFuture<T> start(Channel stream, RelayMessageDecoder<T> decoder,
                                                              Class<T> answerType, MessageLite request, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        RelayRequester<T> requester = new RelayRequester<>(result, answerType);
        stream.pipeline().addLast(decoder, requester);
        var deadline = stream.eventLoop().schedule(() -> requester.fail(stream, new RelayException(Status.CONNECTION_FAILED,
                "no answer within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> deadline.cancel(false));
        stream.writeAndFlush(RelayMessages.frame(stream.alloc(), request)).addListener(f -> {
            if (!f.isSuccess()) {
                requester.fail(stream, new RelayException(Status.CONNECTION_FAILED, "could not send the request", f.cause()));
            }
        });
        return result;
    }

    private void fail(Channel stream, RelayException e) {
        if (result.completeExceptionally(e)) {
            StreamEnds.reset(stream);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (type.isInstance(msg) && !result.isDone()) {
            result.complete(type.cast(msg));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Status status = cause instanceof RelayWireException w ? w.status() : Status.CONNECTION_FAILED;
        fail(ctx.channel(), new RelayException(status, "bad answer: " + cause.getMessage(), cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx.channel(), new RelayException(Status.CONNECTION_FAILED, "the stream closed before an answer"));
        super.channelInactive(ctx);
    }
}
