package io.wirepunch.core.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.wirepunch.core.transport.TcpTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Loopback TCP with nothing on top: the ceiling every other figure is compared against. */
final class RawTcpThroughput {
    private static final int CHUNK = 64 * 1024;

    private RawTcpThroughput() {}

    /** Sends {@code bytes} over one loopback connection; returns MB/s (10^6 bytes) as the receiver saw it. */
    static double measure(long bytes) throws Exception {
        try (TcpTransport transport = new TcpTransport()) {
            CompletableFuture<Long> receivedAllAt = new CompletableFuture<>();
            Channel server = transport.listen(new InetSocketAddress("127.0.0.1", 0), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        long received;

                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            received += ((ByteBuf) msg).readableBytes();
                            ((ByteBuf) msg).release();
                            if (received >= bytes) {
                                receivedAllAt.complete(System.nanoTime());
                            }
                        }
                    });
                }
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Sender sender = new Sender(bytes);
            long start = System.nanoTime();
            transport.dial((InetSocketAddress) server.localAddress(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(sender);
                }
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long end = receivedAllAt.get(120, TimeUnit.SECONDS);
            server.close();
            return bytes / ((end - start) / 1e9) / 1e6;
        }
    }

    /** Writes while the socket takes it, resumes when it drains. */
    private static final class Sender extends ChannelInboundHandlerAdapter {
        private static final ByteBuf ZEROES = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(CHUNK).writeZero(CHUNK).asReadOnly());
        private long remaining;

        Sender(long bytes) {
            this.remaining = bytes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            while (remaining > 0 && ctx.channel().isWritable()) {
                int n = (int) Math.min(CHUNK, remaining);
                remaining -= n;
                ctx.write(ZEROES.retainedSlice(0, n));
            }
            ctx.flush();
        }
    }
}
