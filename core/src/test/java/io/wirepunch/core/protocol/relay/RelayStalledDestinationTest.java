package io.wirepunch.core.protocol.relay;

import static io.wirepunch.core.protocol.relay.RelayLoopbackTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.upgrade.yamux.YamuxConfig;
import java.io.ByteArrayOutputStream;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay whose hop stream holds a wide receive window (as auto-tuning grows it under load) while the
 * destination stalls: when the destination reads again, everything the relay buffered must reach it
 * in order and complete, not only as much as the stop stream's write queue takes at once.
 */
@Timeout(60)
class RelayStalledDestinationTest {
    private static final String SINK = "/wirepunch-test/sink/1.0.0";
    private static final int STREAMS = 32;
    /** Each stream fills the 256 KiB window A's end grants it, so B gets 8 MiB in flight without A reading. */
    private static final int PER_STREAM = 256 * 1024;
    private static final RelayConfig ROOMY = RelayConfig.defaults()
            .withCircuitLimit(new CircuitLimit(Duration.ofMinutes(2), 64L << 20));
    /** Wider than everything B can have in flight: the relay's hop stream can buffer all of it. */
    private static final YamuxConfig WIDE = YamuxConfig.builder()
            .initialStreamWindow(12 << 20).maxStreamWindow(16 << 20).build();

    private final RelayNet net = new RelayNet();

    @AfterEach
    void close() throws Exception {
        net.close();
    }

    /** Collects a stream's bytes; completes at the remote's FIN, fails if the stream closes before it. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> finished = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            buf.release();
            synchronized (bytes) {
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownReadComplete) {
                synchronized (bytes) {
                    finished.complete(bytes.toByteArray());
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (bytes) {
                finished.completeExceptionally(new ClosedChannelException() {
                    @Override
                    public String getMessage() {
                        return "closed after " + bytes.size() + " bytes, before the remote's FIN";
                    }
                });
            }
            ctx.fireChannelInactive();
        }
    }

    private static byte[] payload(int stream) {
        byte[] b = new byte[PER_STREAM];
        new Random(1000 + stream).nextBytes(b);
        return b;
    }

    @Test
    void whatTheRelayBufferedWhileTheDestinationStalledArrivesWholeAndInOrder() throws Exception {
        RelayNet.Peer r = net.relay(ROOMY, WIDE);
        RelayNet.Peer a = net.peer();
        RelayNet.Peer b = net.peer();
        List<Sink> sinks = new CopyOnWriteArrayList<>();
        a.node().host().protocols().register(SINK, st -> {
            Sink sink = new Sink();
            sinks.add(sink);
            st.channel().pipeline().addLast(sink);
        });
        get(a.client().reserve(r.addr()));
        Connection c = get(b.node().host().connect(r.addr().encapsulate("/p2p-circuit").withPeerId(a.id())));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.node().host().connections().get(b.id()).isPresent());
        Connection atA = a.node().host().connections().get(b.id()).orElseThrow();

        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(get(c.newStream(st -> { }, SINK)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sinks.size() == STREAMS);

        // A stops reading its end of the circuit: the relay's stop stream fills, then its hop stream buffers.
        atA.channel().eventLoop().submit(() -> atA.channel().config().setAutoRead(false)).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < STREAMS; i++) {
            Stream s = streams.get(i);
            byte[] p = payload(i);
            for (int off = 0; off < p.length; off += 32 * 1024) {
                s.channel().write(Unpooled.wrappedBuffer(p, off, 32 * 1024));
            }
            s.channel().flush();
            ((DuplexChannel) s.channel()).shutdownOutput();
        }
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = r.service().snapshot().bytesRelayed();
            boolean settled = now == last[0] && now > 0;
            last[0] = now;
            return settled;
        });

        atA.channel().eventLoop().submit(() -> atA.channel().config().setAutoRead(true)).get(5, TimeUnit.SECONDS);
        // Stream i at A is the i-th one B opened: A accepts them in order.
        for (int i = 0; i < STREAMS; i++) {
            byte[] got = sinks.get(i).finished.get(15, TimeUnit.SECONDS);
            byte[] want = payload(i);
            assertThat(got.length).as("bytes on stream %d", i).isEqualTo(want.length);
            assertThat(java.util.Arrays.mismatch(got, want)).as("first differing byte on stream %d", i).isEqualTo(-1);
        }
    }
}
