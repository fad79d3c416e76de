package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host that stops right after its last write on a stream has left delivers every byte and the
 * end: what reached the remote before the connection closed, its FIN included, is still handed to
 * a reader that takes it slowly, rather than dropped with the connection.
 */
class CloseDeliversTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final String SINK = "/test/slow-sink/1.0.0";
    private static final int BYTES = 24 << 20;
    private static final int CHUNK = 64 << 10;

    private Host receiver;
    private Host sender;

    @AfterEach
    void stop() throws Exception {
        for (Host h : new Host[] {sender, receiver}) {
            if (h != null) {
                h.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void stoppingRightAfterTheLastWriteDeliversEveryByteAndTheEnd() throws Exception {
        receiver = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        sender = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        AtomicLong received = new AtomicLong();
        CompletableFuture<Long> finished = new CompletableFuture<>();
        receiver.protocols().register(SINK, stream -> stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
            private ScheduledFuture<?> reads;

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                // A slow reader that asks for one buffer at a time: what arrived waits in the stream's queue.
                ctx.channel().config().setAutoRead(false);
                reads = ctx.executor().scheduleAtFixedRate(ctx::read, 1, 1, TimeUnit.MILLISECONDS);
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                reads.cancel(false);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.addAndGet(((ByteBuf) msg).readableBytes());
                ((ByteBuf) msg).release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof ChannelInputShutdownEvent) {
                    finished.complete(received.get());
                    reads.cancel(false);
                }
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                finished.completeExceptionally(new AssertionError("stream closed after " + received.get() + " bytes, before the end"));
                ctx.fireChannelInactive();
            }
        }));
        receiver.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        sender.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Connection c = sender.connect(receiver.listenAddrs().get(0).withPeerId(receiver.peerId()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Channel stream = c.newStream(s -> { }, SINK).toCompletableFuture().get(10, TimeUnit.SECONDS).channel();
        byte[] chunk = new byte[CHUNK];
        for (int sent = 0; sent < BYTES; sent += CHUNK) {
            while (!stream.isWritable()) {
                Thread.sleep(1);
            }
            stream.writeAndFlush(Unpooled.wrappedBuffer(chunk));
        }
        ((DuplexChannel) stream).shutdownOutput().sync();
        sender.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        sender = null;
        assertThat(finished.get(60, TimeUnit.SECONDS)).isEqualTo(BYTES);
    }
}
