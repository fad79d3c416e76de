package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class YamuxFlowControlTest {
    private static final int MIB = 1024 * 1024;
    private static final int WINDOW = YamuxConfig.SPEC_INITIAL_STREAM_WINDOW;

    private YamuxTestPair pair;

    @AfterEach
    void tearDown() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void hundredConcurrentStreamsEachMoveOneMebibyteBothWays() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.pipeline().addLast(new StreamHandlers.Echo())), StreamHandlers.initializer(ch -> { }));
        int streams = 100;
        List<byte[]> sent = new ArrayList<>();
        List<StreamHandlers.Collector> echoed = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            byte[] payload = new byte[MIB];
            new Random(i).nextBytes(payload);
            sent.add(payload);
        }
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            byte[] payload = sent.get(i);
            StreamHandlers.Collector collector = new StreamHandlers.Collector();
            echoed.add(collector);
            Channel stream = pair.clientMux.openStream(collector).get(5, TimeUnit.SECONDS);
            stream.writeAndFlush(Unpooled.wrappedBuffer(payload));
            ((YamuxStreamChannel) stream).shutdownOutput();
        }
        CompletableFuture.allOf(echoed.stream().map(c -> c.finished).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < streams; i++) {
            assertThat(sha256(echoed.get(i).finished.get())).as("stream %d", i).isEqualTo(sha256(sent.get(i)));
        }
        System.out.printf("yamux: %d streams x 1 MiB each way in %.2f s = %.1f MB/s (both directions, payload)%n",
                streams, seconds, 2.0 * streams * MIB / 1e6 / seconds);
        await().atMost(Duration.ofSeconds(5)).until(() -> YamuxSessionTest.streamCount(pair.clientMux) == 0
                && YamuxSessionTest.streamCount(pair.serverMux) == 0);
    }

    @Test
    void oneStreamThroughput() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.pipeline().addLast(new StreamHandlers.Counter())), StreamHandlers.initializer(ch -> { }));
        long total = 256L * MIB;
        StreamHandlers.Sender sender = new StreamHandlers.Sender(total, 256 * 1024);
        long start = System.nanoTime();
        pair.clientMux.openStream(sender).get(5, TimeUnit.SECONDS);
        long received = sender.remoteCount.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(received).isEqualTo(total);
        System.out.printf("yamux: one stream moved %d MiB in %.2f s = %.1f MB/s%n", total / MIB, seconds,
                total / 1e6 / seconds);
    }

    @Test
    void readerWithAutoReadOffHoldsTheSenderToOneWindow() throws Exception {
        CompletableFuture<Channel> serverStream = new CompletableFuture<>();
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        // A window that cannot grow: auto-tuning compares read intervals with the first ping's round
        // trip, which a cold JVM inflates, and would otherwise let one read deliver a doubled window.
        YamuxConfig fixedWindow = YamuxConfig.builder().maxStreamWindow(WINDOW).build();
        pair = YamuxTestPair.start(fixedWindow, StreamHandlers.initializer(ch -> {
            ch.config().setAutoRead(false);
            ch.pipeline().addLast(collector);
            serverStream.complete(ch);
        }), StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel stream = (YamuxStreamChannel) pair.clientMux.openStream(null).get(5, TimeUnit.SECONDS);
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[MIB]));
        Channel remote = serverStream.get(5, TimeUnit.SECONDS);

        Thread.sleep(200);
        assertThat(collector.received).isZero();
        assertThat(stream.isWritable()).isFalse();

        int reads = 0;
        while (collector.received < MIB && reads < 1000) {
            // On the event loop a read() delivers synchronously, so this is exactly what one read handed over.
            int deliveredByOneRead = remote.eventLoop().submit(() -> {
                int before = collector.received;
                remote.read();
                return collector.received - before;
            }).get(5, TimeUnit.SECONDS);
            assertThat(deliveredByOneRead).isLessThanOrEqualTo(WINDOW);
            Thread.sleep(5);
            reads++;
        }
        assertThat(collector.received).isEqualTo(MIB);
        assertThat(reads).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(5)).until(stream::isWritable);
    }

    @Test
    void closingWithWritesStillWaitingForWindowResetsTheStream() throws Exception {
        CompletableFuture<Channel> serverStream = new CompletableFuture<>();
        StreamHandlers.Collector collector = new StreamHandlers.Collector();
        YamuxConfig fixedWindow = YamuxConfig.builder().maxStreamWindow(WINDOW).build();
        pair = YamuxTestPair.start(fixedWindow, StreamHandlers.initializer(ch -> {
            // A reader that does not keep up: the sender has one window in flight and the rest queued.
            ch.config().setAutoRead(false);
            ch.pipeline().addLast(collector);
            serverStream.complete(ch);
        }), StreamHandlers.initializer(ch -> { }));
        YamuxStreamChannel stream = (YamuxStreamChannel) pair.clientMux.openStream(null).get(5, TimeUnit.SECONDS);
        var write = stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[MIB]));
        YamuxStreamChannel remote = (YamuxStreamChannel) serverStream.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.isWritable());

        stream.close().sync();
        assertThat(write.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(write.isSuccess()).isFalse();

        // The reader catches up: it must learn the stream was cut short, not see a clean end after one window.
        remote.eventLoop().execute(() -> {
            remote.config().setAutoRead(true);
            remote.read();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !remote.isOpen() || collector.finished.isDone());
        assertThat(collector.finished.isDone()).as("clean end after %d of %d bytes", collector.received, MIB).isFalse();
        assertThat(remote.isReset()).isTrue();
    }

    @Test
    void peerThatOverrunsTheWindowIsReset() throws Exception {
        pair = YamuxTestPair.start(YamuxConfig.defaults(), StreamHandlers.initializer(ch ->
                ch.config().setAutoRead(false)), StreamHandlers.initializer(ch -> { }));
        RawYamuxPeer raw = RawYamuxPeer.connect(pair, pair.serverListener.localAddress());
        try {
            raw.send(YamuxFrame.windowUpdate(1, YamuxFrame.FLAG_SYN, 0));
            raw.send(YamuxFrame.data(1, 0, Unpooled.wrappedBuffer(new byte[WINDOW])));
            raw.send(YamuxFrame.data(3, YamuxFrame.FLAG_SYN, Unpooled.wrappedBuffer(new byte[WINDOW + 1])));
            raw.send(YamuxFrame.data(1, 0, Unpooled.wrappedBuffer(new byte[1])));

            List<Integer> resetStreams = new ArrayList<>();
            // Skips the ACKs that accepting the streams sends first.
            while (resetStreams.size() < 2) {
                RawYamuxPeer.Seen frame = raw.await(YamuxFrameType.WINDOW_UPDATE);
                assertThat(frame).isNotNull();
                if (frame.has(YamuxFrame.FLAG_RST)) {
                    resetStreams.add(frame.streamId());
                }
            }
            assertThat(resetStreams).containsExactlyInAnyOrder(3, 1);
            raw.send(YamuxFrame.ping(YamuxFrame.FLAG_SYN, 5));
            assertThat(raw.channel.isActive()).isTrue();
        } finally {
            raw.channel.close().syncUninterruptibly();
        }
    }

    @Test
    void writesBeyondTheQueueLimitFail() throws Exception {
        YamuxConfig small = YamuxConfig.builder().maxQueuedOutboundBytes(64 * 1024).build();
        pair = YamuxTestPair.start(small, YamuxConfig.defaults(), StreamHandlers.initializer(ch -> { }),
                StreamHandlers.initializer(ch -> { }));
        Channel stream = pair.clientMux.openStream(null).get(5, TimeUnit.SECONDS);
        ByteBuf tooMuch = Unpooled.wrappedBuffer(new byte[64 * 1024 + 1]);
        assertThat(stream.writeAndFlush(tooMuch).await().cause()).isInstanceOf(YamuxLimitExceededException.class);
        assertThat(stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[64 * 1024])).await().isSuccess()).isTrue();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
