package io.wirepunch.core.protocol.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.wirepunch.core.testutil.TcpPair;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerfOverTcpTest {

    @Test
    void movesTheRequestedBytesBothWays() throws Exception {
        try (TcpPair pair = new TcpPair(new PerfServerHandler(), null)) {
            PerfResult r = PerfClientHandler.run(pair.client, 10_000_000, 3_000_001)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(r.uploadBytes()).isEqualTo(10_000_000);
            assertThat(r.downloadBytes()).isEqualTo(3_000_001);
            assertThat(r.uploadSeconds()).isPositive();
            assertThat(r.downloadSeconds()).isPositive();
            assertThat(r.toLine()).matches(
                    "perf upload_bytes=10000000 download_bytes=3000001 seconds=\\d+\\.\\d{3} upload_MBps=\\d+\\.\\d download_MBps=\\d+\\.\\d");
        }
    }

    @Test
    void zeroBytesBothWaysIsValid() throws Exception {
        try (TcpPair pair = new TcpPair(new PerfServerHandler(), null)) {
            PerfResult r = PerfClientHandler.run(pair.client, 0, 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(r.uploadBytes()).isZero();
            assertThat(r.downloadBytes()).isZero();
        }
    }

    @Test
    void requestOverTheDownloadLimitIsRefusedByClosing() throws Exception {
        try (TcpPair pair = new TcpPair(new PerfServerHandler(), null)) {
            assertThatThrownBy(() -> PerfClientHandler.run(pair.client, 0, PerfProtocol.MAX_DOWNLOAD_BYTES + 1)
                    .toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .hasMessageContaining("server sent 0 of the");
        }
    }

    @Test
    void requestAtTheLimitIsAccepted() throws Exception {
        try (TcpPair pair = new TcpPair(new PerfServerHandler(), null)) {
            // A header of exactly the limit passes the check: the server starts replying after our EOF.
            pair.client.writeAndFlush(Unpooled.copyLong(PerfProtocol.MAX_DOWNLOAD_BYTES)).sync();
            ((io.netty.channel.socket.DuplexChannel) pair.client).shutdownOutput().sync();
            var counter = new java.util.concurrent.atomic.AtomicLong();
            pair.client.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                    counter.addAndGet(((io.netty.buffer.ByteBuf) msg).readableBytes());
                    ((io.netty.buffer.ByteBuf) msg).release();
                }
            });
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> counter.get() > 1_000_000);
        }
    }
}
