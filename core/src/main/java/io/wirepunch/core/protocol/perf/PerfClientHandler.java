package io.wirepunch.core.protocol.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The client side of one perf stream. The upload phase runs from the first byte written until the
 * server's reply begins (the server only replies after it saw our EOF), the download phase from
 * then until the server's EOF.
 */
public final class PerfClientHandler extends ChannelInboundHandlerAdapter {
    private final long uploadBytes;
    private final long downloadBytes;
    private final CompletableFuture<PerfResult> result;
    private PayloadWriter writer;
    private long startNanos;
    private long uploadEndNanos;
    private long received;

    private PerfClientHandler(long uploadBytes, long downloadBytes, CompletableFuture<PerfResult> result) {
        if (uploadBytes < 0 || downloadBytes < 0) {
            throw new IllegalArgumentException("perf byte counts must not be negative");
        }
        this.uploadBytes = uploadBytes;
        this.downloadBytes = downloadBytes;
        this.result = result;
    }

    /** Starts a perf run on a negotiated `/perf/1.0.0` stream; safe to call from any thread. */
    public static CompletionStage<PerfResult> run(Channel stream, long uploadBytes, long downloadBytes) {
        CompletableFuture<PerfResult> result = new CompletableFuture<>();
        stream.eventLoop().execute(() -> start(stream, uploadBytes, downloadBytes, result));
        return result;
    }

    /** Starts a perf run from the stream's event loop, reporting into {@code result}. */
    static void start(Channel stream, long uploadBytes, long downloadBytes, CompletableFuture<PerfResult> result) {
        stream.pipeline().addLast(new PerfClientHandler(uploadBytes, downloadBytes, result));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
        ctx.write(Unpooled.copyLong(downloadBytes));
        writer = new PayloadWriter(ctx.channel(), uploadBytes, () -> halfClose(ctx));
        writer.resume();
    }

    private void halfClose(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DuplexChannel duplex)) {
            fail(ctx, new IllegalStateException("perf needs a stream that can half-close"));
            return;
        }
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, f.cause());
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writer.resume();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        if (uploadEndNanos == 0) {
            uploadEndNanos = System.nanoTime();
        }
        received += buf.readableBytes();
        buf.release();
        if (received > downloadBytes) {
            fail(ctx, new PerfException("server sent more than the " + downloadBytes + " bytes asked for"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            complete(ctx);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        complete(ctx);
        ctx.fireChannelInactive();
    }

    private void complete(ChannelHandlerContext ctx) {
        if (result.isDone()) {
            return;
        }
        long end = System.nanoTime();
        if (writer.remaining() > 0) {
            fail(ctx, new PerfException("stream closed with " + writer.remaining() + " upload bytes unsent"));
            return;
        }
        if (received != downloadBytes) {
            fail(ctx, new PerfException("server sent " + received + " of the " + downloadBytes + " bytes asked for"));
            return;
        }
        long uploadEnd = uploadEndNanos == 0 ? end : uploadEndNanos;
        result.complete(new PerfResult(uploadBytes, downloadBytes,
                (uploadEnd - startNanos) / 1e9, (end - uploadEnd) / 1e9));
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }
}
