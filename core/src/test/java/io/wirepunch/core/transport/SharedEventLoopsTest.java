package io.wirepunch.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transports on one shared set of event loops: their threads are the set's, and each closes only its own channels. */
class SharedEventLoopsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_SECONDS = 5;

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static InetSocketAddress at(Channel listener) {
        return new InetSocketAddress(LOOPBACK, ((InetSocketAddress) listener.localAddress()).getPort());
    }

    private static ChannelHandler echo(BlockingQueue<Channel> accepted) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg);
                    }
                });
            }
        };
    }

    private static ChannelHandler collect(CompletableFuture<String> received) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                received.complete(buf.toString(StandardCharsets.US_ASCII));
                buf.release();
            }
        };
    }

    private static String roundTrip(TcpTransport from, Channel listener, String text) throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        Channel c = await(from.dial(at(listener), collect(received)));
        c.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        return received.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "nio={0}")
    @ValueSource(booleans = {false, true})
    void closingOneTransportClosesItsChannelsAndLeavesTheLoopsToTheOther(boolean nio) throws Exception {
        try (EventLoops loops = EventLoops.create(nio, 1)) {
            TcpTransport a = new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT);
            TcpTransport b = new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT);
            assertThat(a.sharesEventLoops()).isTrue();
            BlockingQueue<Channel> acceptedByA = new LinkedBlockingQueue<>();
            Channel listenerA = await(a.listen(new InetSocketAddress(LOOPBACK, 0), echo(acceptedByA)));
            Channel listenerB = await(b.listen(new InetSocketAddress(LOOPBACK, 0), echo(new LinkedBlockingQueue<>())));
            assertThat(roundTrip(b, listenerA, "to a")).isEqualTo("to a");
            Channel acceptedFromB = acceptedByA.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            Channel dialedByA = await(a.dial(at(listenerB), collect(new CompletableFuture<>())));

            a.close();

            assertThat(listenerA.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(acceptedFromB.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(dialedByA.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> await(a.dial(at(listenerB), collect(new CompletableFuture<>()))))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("transport is closed");
            // b still runs on the same loops.
            assertThat(listenerB.isOpen()).isTrue();
            TcpTransport c = new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT);
            assertThat(roundTrip(c, listenerB, "to b")).isEqualTo("to b");
            b.close();
            c.close();
        }
    }

    @Test
    void transportsOnASetRunOnItsThreadsOnly() throws Exception {
        try (EventLoops loops = EventLoops.create(false, 2)) {
            Set<String> before = ioThreads();
            TcpTransport[] many = new TcpTransport[6];
            for (int i = 0; i < many.length; i++) {
                many[i] = new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT);
                Channel l = await(many[i].listen(new InetSocketAddress(LOOPBACK, 0), echo(new LinkedBlockingQueue<>())));
                assertThat(roundTrip(many[i], l, "x" + i)).isEqualTo("x" + i);
            }
            Set<String> started = ioThreads();
            started.removeAll(before);
            assertThat(started).hasSizeLessThanOrEqualTo(loops.ioThreads());
            for (TcpTransport t : many) {
                t.close();
            }
        }
    }

    @Test
    void theSetsThreadCountIsBounded() {
        assertThatThrownBy(() -> EventLoops.create(false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + EventLoops.MAX_IO_THREADS);
        assertThatThrownBy(() -> EventLoops.create(false, EventLoops.MAX_IO_THREADS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        try (EventLoops most = EventLoops.create(true, EventLoops.MAX_IO_THREADS)) {
            assertThat(most.ioThreads()).isEqualTo(EventLoops.MAX_IO_THREADS);
        }
    }

    @Test
    void aTransportOnAClosedSetRefusesWork() throws Exception {
        EventLoops loops = EventLoops.create(true, 1);
        TcpTransport t = new TcpTransport(loops, TcpTransport.CONNECT_TIMEOUT);
        loops.close();
        assertThatThrownBy(() -> await(t.listen(new InetSocketAddress(LOOPBACK, 0), echo(new LinkedBlockingQueue<>()))))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("transport is closed");
    }

    private static Set<String> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("wirepunch-tcp-io"))
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toSet());
    }
}
