package io.wirepunch.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_SECONDS = 5;

    private final List<TcpTransport> transports = new ArrayList<>();

    @AfterEach
    void closeTransports() {
        transports.forEach(TcpTransport::close);
    }

    private TcpTransport transport(boolean nio) {
        return transport(nio, TcpTransport.CONNECT_TIMEOUT);
    }

    private TcpTransport transport(boolean nio, Duration connectTimeout) {
        if (!nio) {
            assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        }
        TcpTransport transport = new TcpTransport(nio, connectTimeout);
        transports.add(transport);
        assertThat(transport.usesEpoll()).isEqualTo(!nio);
        return transport;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Echoes every byte and records each accepted connection's remote address. */
    private static ChannelHandler echoServer(BlockingQueue<InetSocketAddress> accepted) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add((InetSocketAddress) ch.remoteAddress());
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg);
                    }
                });
            }
        };
    }

    /** Completes with the first {@code expected} bytes the connection receives. */
    private static ChannelHandler collector(int expected, CompletableFuture<String> received) {
        return new ChannelInboundHandlerAdapter() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                text.append(buf.toString(StandardCharsets.US_ASCII));
                buf.release();
                if (text.length() >= expected) {
                    received.complete(text.toString());
                }
            }
        };
    }

    private static String echo(Channel client, CompletableFuture<String> received, String text) throws Exception {
        client.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        return received.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void listensOnAnEphemeralPortAndEchoes(boolean nio) throws Exception {
        TcpTransport transport = transport(nio);
        Channel server = await(transport.listen(loopback(0), echoServer(new LinkedBlockingQueue<>())));
        assertThat(port(server)).isPositive();

        CompletableFuture<String> received = new CompletableFuture<>();
        Channel client = await(transport.dial(loopback(port(server)), collector(5, received)));
        assertThat(echo(client, received, "hello")).isEqualTo("hello");
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void dialsFromItsListeningPortWhileStillAccepting(boolean nio) throws Exception {
        TcpTransport a = transport(nio);
        TcpTransport b = transport(nio);
        assumeTrue(a.supportsPortReuse(), "SO_REUSEPORT is not available on this platform");
        BlockingQueue<InetSocketAddress> acceptedByA = new LinkedBlockingQueue<>();
        BlockingQueue<InetSocketAddress> acceptedByB = new LinkedBlockingQueue<>();
        Channel listenerA = await(a.listen(loopback(0), echoServer(acceptedByA)));
        Channel listenerB = await(b.listen(loopback(0), echoServer(acceptedByB)));

        CompletableFuture<String> received = new CompletableFuture<>();
        Channel fromA = await(a.dial(loopback(port(listenerB)), loopback(port(listenerA)), collector(4, received)));

        assertThat(port(fromA)).isEqualTo(port(listenerA));
        assertThat(acceptedByB.poll(WAIT_SECONDS, TimeUnit.SECONDS).getPort()).isEqualTo(port(listenerA));
        assertThat(echo(fromA, received, "punch")).startsWith("punc");

        // A still listens on the shared port and accepts new connections.
        assertThat(listenerA.isActive()).isTrue();
        CompletableFuture<String> echoedByA = new CompletableFuture<>();
        Channel toA = await(b.dial(loopback(port(listenerA)), collector(2, echoedByA)));
        assertThat(acceptedByA.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(echo(toA, echoedByA, "ok")).isEqualTo("ok");
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void aRefusedDialSaysSo(boolean nio) throws Exception {
        TcpTransport transport = transport(nio);
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> transport.dial(loopback(closedPort), new ChannelInboundHandlerAdapter())
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot dial")
                .hasMessageContaining(":" + closedPort)
                .hasMessageEndingWith("connection refused");
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void aDialThatGetsNoAnswerTimesOut(boolean nio) throws Exception {
        TcpTransport transport = transport(nio, Duration.ofMillis(300));
        // A listener that never accepts: once its backlog is full the kernel drops further SYNs.
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(loopback(0), 1);
            InetSocketAddress target = (InetSocketAddress) silent.getLocalAddress();
            List<SocketChannel> fillers = fillBacklog(target);
            try {
                assertThatThrownBy(() -> transport.dial(target, new ChannelInboundHandlerAdapter())
                        .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(TransportException.class)
                        .hasMessageEndingWith("connection timed out");
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    private static List<SocketChannel> fillBacklog(InetSocketAddress target) throws IOException {
        List<SocketChannel> fillers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SocketChannel filler = SocketChannel.open();
            filler.configureBlocking(false);
            filler.connect(target);
            fillers.add(filler);
        }
        return fillers;
    }

    @Test
    void aBusyPortIsAClearListenError() throws Exception {
        TcpTransport transport = transport(true);
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            assertThatThrownBy(() -> transport.listen(loopback(taken.getLocalPort()), new ChannelInboundHandlerAdapter())
                    .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot listen on");
        }
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void closeStopsListenersAndConnectionsWithinItsBound(boolean nio) throws Exception {
        TcpTransport transport = transport(nio);
        Channel server = await(transport.listen(loopback(0), echoServer(new LinkedBlockingQueue<>())));
        Channel client = await(transport.dial(loopback(port(server)), new ChannelInboundHandlerAdapter()));

        long start = System.nanoTime();
        transport.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(TcpTransport.SHUTDOWN_TIMEOUT.plusSeconds(1));
        assertThat(server.isOpen()).isFalse();
        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> transport.dial(loopback(port(server)), new ChannelInboundHandlerAdapter())
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(TransportException.class)
                .hasMessageEndingWith("transport is closed");
    }
}
