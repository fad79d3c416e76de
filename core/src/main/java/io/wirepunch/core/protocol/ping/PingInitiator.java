package io.wirepunch.core.protocol.ping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.protocol.StreamEnds;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The dialling side of ping on one stream: each {@link #ping()} sends a fresh random payload and
 * completes with the round-trip time once the same bytes come back. Pings on one stream are answered
 * in order, so they are matched in order.
 */
public final class PingInitiator extends ChannelInboundHandlerAdapter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final byte[] received = new byte[PingProtocol.PAYLOAD_BYTES];
    private int receivedBytes;
    private final Channel channel;

    private record Pending(byte[] payload, long sentNanos, CompletableFuture<Duration> result, ScheduledFuture<?> timeout) {}

    private PingInitiator(Channel channel) {
        this.channel = channel;
    }

    /** Installs the initiator on a negotiated ping stream and returns it. */
    public static PingInitiator install(Channel stream) {
        PingInitiator initiator = new PingInitiator(stream);
        stream.pipeline().addLast(initiator);
        return initiator;
    }

    /** Sends one ping; safe to call from any thread. */
    public CompletionStage<Duration> ping() {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> send(result));
        return result;
    }

    /** Ends the stream gracefully; pings still waiting fail. */
    public void close() {
        channel.eventLoop().execute(() -> StreamEnds.closeGracefully(channel));
    }

    private void send(CompletableFuture<Duration> result) {
        if (!channel.isActive()) {
            result.completeExceptionally(new PingException("ping stream is closed"));
            return;
        }
        byte[] payload = new byte[PingProtocol.PAYLOAD_BYTES];
        RANDOM.nextBytes(payload);
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                () -> fail(new PingException("no pong within " + PingProtocol.PING_TIMEOUT.toSeconds() + " s")),
                PingProtocol.PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        pending.add(new Pending(payload, System.nanoTime(), result, timeout));
        channel.writeAndFlush(Unpooled.wrappedBuffer(payload)).addListener(f -> {
            if (!f.isSuccess()) {
                fail(new PingException("ping write failed: " + f.cause().getMessage()));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            while (buf.isReadable()) {
                int n = Math.min(buf.readableBytes(), received.length - receivedBytes);
                buf.readBytes(received, receivedBytes, n);
                receivedBytes += n;
                if (receivedBytes == received.length) {
                    receivedBytes = 0;
                    complete();
                }
            }
        } finally {
            buf.release();
        }
    }

    private void complete() {
        Pending p = pending.poll();
        if (p == null) {
            fail(new PingException("pong without a ping"));
            return;
        }
        p.timeout.cancel(false);
        if (!Arrays.equals(p.payload, received)) {
            p.result.completeExceptionally(new PingException("pong payload differs from ping: "
                    + ByteBufUtil.hexDump(received, 0, 4) + "…"));
            channel.close();
            return;
        }
        p.result.complete(Duration.ofNanos(System.nanoTime() - p.sentNanos));
    }

    private void fail(PingException e) {
        Pending p;
        while ((p = pending.poll()) != null) {
            p.timeout.cancel(false);
            p.result.completeExceptionally(e);
        }
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new PingException("ping stream closed by the remote"));
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(new PingException("ping stream closed by the remote"));
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(new PingException("ping stream failed: " + cause.getMessage()));
    }
}
