package io.wirepunch.core.protocol.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;
import io.wirepunch.core.testutil.TcpPair;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PingOverTcpTest {

    private static ChannelInitializer<Channel> responder() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                PingResponder.install(ch);
            }
        };
    }

    @Test
    void pingsAreEchoedAndTimed() throws Exception {
        try (TcpPair pair = new TcpPair(responder(), null)) {
            PingInitiator ping = PingInitiator.install(pair.client);
            for (int i = 0; i < 5; i++) {
                Duration rtt = ping.ping().toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aWrongEchoFailsThePing() throws Exception {
        ChannelInboundHandlerAdapter liar = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                buf.setByte(buf.readerIndex(), buf.getByte(buf.readerIndex()) ^ 1);
                ctx.writeAndFlush(buf);
            }
        };
        try (TcpPair pair = new TcpPair(liar, null)) {
            PingInitiator ping = PingInitiator.install(pair.client);
            assertThatThrownBy(() -> ping.ping().toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("differs");
        }
    }

    @Test
    void remoteCloseFailsPendingPing() throws Exception {
        ChannelInboundHandlerAdapter closer = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                ctx.close();
            }
        };
        try (TcpPair pair = new TcpPair(closer, null)) {
            PingInitiator ping = PingInitiator.install(pair.client);
            assertThatThrownBy(() -> ping.ping().toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
        }
    }
}
