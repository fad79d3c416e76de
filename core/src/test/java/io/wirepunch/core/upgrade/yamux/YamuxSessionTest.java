package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class YamuxSessionTest {
    private YamuxTestPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void openedStreamEchoesAndBothSidesCloseWithoutReset() throws Exception {
        CompletableFuture<Channel> serverStream = new CompletableFuture<>();
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> {
            serverStream.complete(ch);
            ch.pipeline().addLast(new StreamHandlers.Echo());
        }), StreamHandlers.initializer(ch -> { }));
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        YamuxStreamChannel stream = open(collector);

        stream.writeAndFlush(Unpooled.copiedBuffer("hello yamux", StandardCharsets.UTF_8));
        stream.shutdownOutput().sync();

        assertThat(new String(collector.finished.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo("hello yamux");
        assertThat(collector.events).hasExactlyElementsOfTypes(ChannelInputShutdownEvent.class,
                ChannelInputShutdownReadComplete.class);
        assertThat(stream.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        YamuxStreamChannel remote = (YamuxStreamChannel) serverStream.get(5, TimeUnit.SECONDS);
        assertThat(remote.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.isReset()).isFalse();
        assertThat(remote.isReset()).isFalse();
        assertThat(stream.streamId()).isOdd();
        assertThat(stream.parent()).isSameAs(pair.client);
        assertThat(stream.toString()).contains("YamuxStream(" + stream.streamId());
    }

    @Test
    void halfClosedStreamStillCarriesTheOtherDirection() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((io.netty.buffer.ByteBuf) msg).release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof ChannelInputShutdownReadComplete) {
                            ctx.writeAndFlush(Unpooled.copiedBuffer("reply after your FIN", StandardCharsets.UTF_8));
                            ((DuplexChannel) ctx.channel()).shutdownOutput();
                        }
                    }
                })), StreamHandlers.initializer(ch -> { }));
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        YamuxStreamChannel stream = open(collector);

        stream.writeAndFlush(Unpooled.copiedBuffer("request", StandardCharsets.UTF_8));
        stream.shutdownOutput().sync();
        assertThat(stream.isOutputShutdown()).isTrue();
        // Depending on how fast the reply arrives the stream is half-closed or already fully closed.
        assertThat(stream.write(Unpooled.buffer(1).writeByte(1)).await().cause()).isInstanceOfAny(
                io.netty.channel.socket.ChannelOutputShutdownException.class,
                java.nio.channels.ClosedChannelException.class);

        assertThat(new String(collector.finished.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo("reply after your FIN");
        assertThat(stream.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.isReset()).isFalse();
    }

    @Test
    void resetByTheRemoteClosesTheStreamAndFailsLaterWrites() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((io.netty.buffer.ByteBuf) msg).release();
                        ((YamuxStreamChannel) ctx.channel()).reset();
                    }
                })), StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel stream = open(new StreamHandlers.Collector());

        stream.writeAndFlush(Unpooled.copiedBuffer("provoke", StandardCharsets.UTF_8));

        assertThat(stream.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.isReset()).isTrue();
        assertThat(stream.writeAndFlush(Unpooled.buffer(1).writeByte(1)).await().isSuccess()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> streamCount(pair.serverMux) == 0 && streamCount(pair.clientMux) == 0);
    }

    @Test
    void closingBeforeTheRemoteFinishedLingersAndEndsCleanlyOnItsFin() throws Exception {
        CompletableFuture<Channel> serverStream = new CompletableFuture<>();
        StreamHandlers.Collector serverSide = new StreamHandlers.Collector();
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> {
            ch.pipeline().addLast(serverSide);
            serverStream.complete(ch);
        }), StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel stream = open(new StreamHandlers.Collector());
        stream.writeAndFlush(Unpooled.copiedBuffer("one-way", StandardCharsets.UTF_8));

        stream.close().sync();
        assertThat(serverSide.finished.get(5, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("one-way");
        YamuxStreamChannel remote = (YamuxStreamChannel) serverStream.get();
        assertThat(streamCount(pair.clientMux)).isEqualTo(1);
        remote.shutdownOutput().sync();

        assertThat(remote.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> streamCount(pair.clientMux) == 0);
        assertThat(remote.isReset()).isFalse();
        assertThat(stream.isReset()).isFalse();
    }

    @Test
    void dataSentToAStreamClosedByItsReaderIsAnsweredWithReset() throws Exception {
        CompletableFuture<Channel> serverStream = new CompletableFuture<>();
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(serverStream::complete),
                StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel stream = open(new StreamHandlers.Collector());
        stream.writeAndFlush(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8));
        YamuxStreamChannel remote = (YamuxStreamChannel) serverStream.get(5, TimeUnit.SECONDS);

        stream.close().sync();
        await().atMost(Duration.ofSeconds(5)).until(remote::isInputShutdown);
        remote.writeAndFlush(Unpooled.copiedBuffer("nobody listens", StandardCharsets.UTF_8));

        assertThat(remote.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(remote.isReset()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> streamCount(pair.clientMux) == 0);
    }

    @Test
    void pingMeasuresTheRoundTrip() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        Duration rtt = pair.clientMux.ping().get(5, TimeUnit.SECONDS);
        Duration back = pair.serverMux.ping().get(5, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(1));
        assertThat(back).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void afterGoAwayNewStreamsAreRefusedButOpenOnesCarryOn() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.pipeline().addLast(new StreamHandlers.Echo())), StreamHandlers.initializer(ch -> { }));
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        YamuxStreamChannel stream = open(collector);
        // A SYN that arrives after the GoAway would be refused, so let it land first.
        await().atMost(Duration.ofSeconds(5)).until(() -> streamCount(pair.serverMux) == 1);

        pair.serverMux.goAway().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(pair.clientMux::remoteSentGoAway);

        assertThat(pair.clientMux.openStream(null).await().cause())
                .isInstanceOf(YamuxStreamRefusedException.class).hasMessageContaining("GoAway");
        assertThat(pair.serverMux.openStream(null).await().cause())
                .isInstanceOf(YamuxStreamRefusedException.class).hasMessageContaining("GoAway");
        stream.writeAndFlush(Unpooled.copiedBuffer("still here", StandardCharsets.UTF_8));
        stream.shutdownOutput();
        assertThat(collector.finished.get(5, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("still here");
    }

    @Test
    void streamsBeyondTheRemoteLimitAreReset() throws Exception {
        YamuxConfig limited = YamuxConfig.builder().maxConcurrentStreams(2).build();
        pair = YamuxTestPair.start(YamuxConfig.defaults(), limited, StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel first = open(new StreamHandlers.Collector());
        YamuxStreamChannel second = open(new StreamHandlers.Collector());
        YamuxStreamChannel third = open(new StreamHandlers.Collector());

        assertThat(third.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(third.isReset()).isTrue();
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(streamCount(pair.serverMux)).isEqualTo(2);
    }

    @Test
    void openingBeyondTheLocalLimitFails() throws Exception {
        YamuxConfig limited = YamuxConfig.builder().maxConcurrentStreams(1).build();
        pair = YamuxTestPair.start(limited, YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        open(new StreamHandlers.Collector());
        assertThat(pair.clientMux.openStream(null).await().cause())
                .isInstanceOf(YamuxStreamRefusedException.class).hasMessageContaining("limit of 1");
    }

    @Test
    void closingTheConnectionClosesEveryStream() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel a = open(new StreamHandlers.Collector());
        YamuxStreamChannel b = open(new StreamHandlers.Collector());
        pair.client.close().sync();
        assertThat(a.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pair.clientMux.openStream(null).await().cause()).isInstanceOf(YamuxStreamRefusedException.class);
        assertThat(pair.clientMux.ping().await().isSuccess()).isFalse();
    }

    private YamuxStreamChannel open(io.netty.channel.ChannelHandler handler) throws Exception {
        return (YamuxStreamChannel) pair.clientMux.openStream(handler).get(5, TimeUnit.SECONDS);
    }

    static int streamCount(YamuxMultiplexer mux) throws Exception {
        return mux.streamCount().get(5, TimeUnit.SECONDS);
    }
}
