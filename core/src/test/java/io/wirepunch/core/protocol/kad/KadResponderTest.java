package io.wirepunch.core.protocol.kad;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One inbound kad stream on an EmbeddedChannel: fragments, several requests, endings, and bad input. */
class KadResponderTest {
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final List<KadPeer> CLOSER = List.of(new KadPeer(KadCodecTest.ALICE, List.of(KadCodecTest.ADDR)));
    private static final List<KadPeer> PROVIDERS = List.of(new KadPeer(KadCodecTest.BOB, List.of()));

    private final FixedKadRequestHandler fixed = new FixedKadRequestHandler(CLOSER, PROVIDERS);
    private EmbeddedChannel stream;

    private EmbeddedChannel open(KadRequestHandler handler) {
        stream = new EmbeddedChannel();
        stream.freezeTime(); // only the tests move time, so a busy machine cannot push one past the idle timeout
        KadResponder.install(stream, KadCodecTest.BOB, handler, IDLE);
        return stream;
    }

    @AfterEach
    void release() {
        if (stream != null) {
            stream.finishAndReleaseAll();
        }
    }

    static byte[] framed(KadMessage m) {
        ByteBuf f = KadCodec.frame(ByteBufAllocator.DEFAULT, m);
        try {
            return ByteBufUtil.getBytes(f);
        } finally {
            f.release();
        }
    }

    static byte[] framed(byte[] body) {
        ByteBuf f = io.wirepunch.core.protocol.LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body);
        try {
            return ByteBufUtil.getBytes(f);
        } finally {
            f.release();
        }
    }

    /** Every answer written so far, decoded (the responder writes one frame per answer). */
    private List<KadMessage> answers() {
        List<KadMessage> out = new ArrayList<>();
        for (ByteBuf b = stream.readOutbound(); b != null; b = stream.readOutbound()) {
            try {
                int length = Varint.readLength(b, Integer.MAX_VALUE);
                assertThat(length).isEqualTo(b.readableBytes());
                out.add(KadCodec.decode(b));
            } finally {
                b.release();
            }
        }
        return out;
    }

    private void halfClose() {
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        stream.runPendingTasks();
    }

    @Test
    void aRequestArrivingOneByteAtATimeIsAnswered() {
        open(fixed);
        for (byte b : framed(KadMessage.findNode(KadCodecTest.ALICE))) {
            assertThat(answers()).isEmpty();
            stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(answers()).containsExactly(KadMessage.findNode(KadCodecTest.ALICE).withCloserPeers(CLOSER));
        assertThat(fixed.received).extracting(FixedKadRequestHandler.Received::from).containsExactly(KadCodecTest.BOB);
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void severalRequestsOnOneStreamAreAnsweredInOrderAndTheHalfCloseEndsIt() {
        open(fixed);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(framed(KadMessage.ping()));
        wire.writeBytes(framed(KadMessage.addProvider(new byte[] {1}, PROVIDERS.get(0))));
        wire.writeBytes(framed(KadMessage.getProviders(new byte[] {1})));
        stream.writeInbound(Unpooled.wrappedBuffer(wire.toByteArray()));
        assertThat(answers()).containsExactly(KadMessage.ping(),
                KadMessage.getProviders(new byte[] {1}).withCloserPeers(CLOSER).withProviderPeers(PROVIDERS));
        assertThat(stream.isOpen()).isTrue();
        halfClose();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aSlowAnswerIsWrittenBeforeTheNextAndBeforeTheStreamEnds() {
        List<CompletableFuture<Optional<KadMessage>>> pending = new ArrayList<>();
        open((from, request) -> {
            CompletableFuture<Optional<KadMessage>> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        });
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.findNode(KadCodecTest.ALICE))));
        halfClose();
        assertThat(pending).hasSize(1);
        assertThat(stream.isOpen()).isTrue();
        pending.get(0).complete(Optional.of(KadMessage.ping()));
        stream.runPendingTasks();
        assertThat(pending).hasSize(2);
        pending.get(1).complete(Optional.of(KadMessage.findNode(KadCodecTest.ALICE)));
        stream.runPendingTasks();
        assertThat(answers()).containsExactly(KadMessage.ping(), KadMessage.findNode(KadCodecTest.ALICE));
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anIdleStreamIsClosedAfterTheTimeoutAndNotBefore() {
        open(fixed);
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        stream.advanceTimeBy(IDLE.toMillis() - 1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isTrue();
        stream.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isFalse();
        assertThat(answers()).containsExactly(KadMessage.ping());
    }

    @Test
    void aRequestRestartsTheIdleTimer() {
        open(fixed);
        stream.advanceTimeBy(IDLE.toMillis() - 1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        stream.advanceTimeBy(IDLE.toMillis() - 1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void aLengthAboveTheLimitResetsTheStreamFromThePrefixAlone() {
        open(fixed);
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, KadProtocol.MAX_MESSAGE_BYTES + 1);
        stream.writeInbound(prefix);
        assertThat(stream.isOpen()).isFalse();
        assertThat(fixed.received).isEmpty();
        assertThat(answers()).isEmpty();
    }

    @Test
    void aMessageOfExactlyTheLimitIsAnswered() {
        open(fixed);
        // A GET_VALUE whose key fills the message to MAX_MESSAGE_BYTES: 08 01 12 <4-byte varint> key.
        int keyLength = KadProtocol.MAX_MESSAGE_BYTES - 2 - 1 - Varint.encodedLength(KadProtocol.MAX_MESSAGE_BYTES);
        KadMessage big = KadMessage.getValue(new byte[keyLength]);
        assertThat(KadCodec.encode(big)).hasSize(KadProtocol.MAX_MESSAGE_BYTES);
        stream.writeInbound(Unpooled.wrappedBuffer(framed(big)));
        assertThat(fixed.received).hasSize(1);
        assertThat(answers()).hasSize(1);
    }

    @Test
    void malformedProtobufResetsTheStreamWithoutAnAnswer() {
        open(fixed);
        stream.writeInbound(Unpooled.wrappedBuffer(framed(new byte[] {0x12, 0x05, 0x01})));
        assertThat(stream.isOpen()).isFalse();
        assertThat(fixed.received).isEmpty();
        assertThat(answers()).isEmpty();
    }

    @Test
    void anUnknownTypeResetsTheStreamAfterEarlierAnswers() {
        open(fixed);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(framed(KadMessage.ping()));
        wire.writeBytes(framed(new byte[] {0x08, 0x07}));
        stream.writeInbound(Unpooled.wrappedBuffer(wire.toByteArray()));
        assertThat(answers()).containsExactly(KadMessage.ping());
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void moreQueuedRequestsThanTheLimitResetTheStream() {
        List<KadMessage> seen = new ArrayList<>();
        open((from, request) -> {
            seen.add(request);
            return new CompletableFuture<>();
        });
        // The first is taken by the handler at once; the limit then counts those waiting behind it.
        for (int i = 0; i <= KadProtocol.MAX_QUEUED_REQUESTS; i++) {
            stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        }
        assertThat(stream.isOpen()).isTrue();
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        assertThat(stream.isOpen()).isFalse();
        assertThat(seen).hasSize(1);
    }

    @Test
    void anAnswerOfAnotherTypeIsNeverSent() {
        open((from, request) -> CompletableFuture.completedFuture(Optional.of(KadMessage.ping())));
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.findNode(KadCodecTest.ALICE))));
        assertThat(answers()).isEmpty();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aFailingHandlerResetsTheStream() {
        open((from, request) -> {
            throw new IllegalStateException("datastore down");
        });
        stream.writeInbound(Unpooled.wrappedBuffer(framed(KadMessage.ping())));
        assertThat(answers()).isEmpty();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aHalfCloseWithoutRequestsEndsTheStream() {
        open(fixed);
        halfClose();
        assertThat(stream.isOpen()).isFalse();
    }
}
