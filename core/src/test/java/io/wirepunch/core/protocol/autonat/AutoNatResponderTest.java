package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.Dial;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's stream handler on an EmbeddedChannel: fragments, malformed and oversize input, timeouts. */
class AutoNatResponderTest {
    private static final Multiaddr REQUESTER_ADDR = Multiaddr.parse("/ip4/198.51.100.7/tcp/50000");
    private static final Dial DIAL = new Dial(AutoNatCodecTest.PEER, List.of(AutoNatCodecTest.ADDR));
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final List<Dial> handled = new ArrayList<>();
    private CompletableFuture<DialResponse> answer = CompletableFuture.completedFuture(DialResponse.ok(AutoNatCodecTest.ADDR));
    private final EmbeddedChannel stream = new EmbeddedChannel();

    AutoNatResponderTest() {
        stream.freezeTime();
        AutoNatResponder.install(stream, AutoNatCodecTest.PEER, REQUESTER_ADDR, (peer, dial) -> {
            handled.add(dial);
            return answer;
        }, READ_TIMEOUT);
    }

    @AfterEach
    void release() {
        stream.finishAndReleaseAll();
    }

    private static byte[] framed(AutoNatMessage m) {
        ByteBuf f = AutoNatCodec.frame(ByteBufAllocator.DEFAULT, m);
        try {
            byte[] out = new byte[f.readableBytes()];
            f.readBytes(out);
            return out;
        } finally {
            f.release();
        }
    }

    private DialResponse readAnswer() {
        stream.runPendingTasks();
        ByteBuf out = stream.readOutbound();
        assertThat(out).as("an answer was written").isNotNull();
        try {
            int length = Varint.readLength(out, AutoNatProtocol.MAX_MESSAGE_BYTES);
            assertThat(out.readableBytes()).isEqualTo(length);
            return (DialResponse) AutoNatCodec.decode(out);
        } finally {
            out.release();
        }
    }

    @Test
    void aDialArrivingByteByByteIsAnsweredAndTheStreamEnds() {
        for (byte b : framed(DIAL)) {
            stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(handled).containsExactly(DIAL);
        assertThat(readAnswer()).isEqualTo(DialResponse.ok(AutoNatCodecTest.ADDR));
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aLateAnswerIsWrittenWhenItComes() {
        answer = new CompletableFuture<>();
        stream.writeInbound(Unpooled.wrappedBuffer(framed(DIAL)));
        stream.runPendingTasks();
        assertThat((Object) stream.readOutbound()).isNull();
        answer.complete(DialResponse.error(ResponseStatus.E_DIAL_ERROR, "dial-back failed"));
        assertThat(readAnswer().status()).isEqualTo(ResponseStatus.E_DIAL_ERROR);
    }

    @Test
    void aFailedHandlerIsAnInternalError() {
        answer = CompletableFuture.failedFuture(new IllegalStateException("broken on purpose"));
        stream.writeInbound(Unpooled.wrappedBuffer(framed(DIAL)));
        assertThat(readAnswer().status()).isEqualTo(ResponseStatus.E_INTERNAL_ERROR);
    }

    @Test
    void bytesThatAreNoMessageResetTheStreamUnanswered() {
        stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03, 0x0a, 0x05, 0x01}));
        assertThat((Object) stream.readOutbound()).isNull();
        assertThat(stream.isOpen()).isFalse();
        assertThat(handled).isEmpty();
    }

    @Test
    void aProtobufThatIsNoDialIsABadRequest() {
        stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x02, 0x08, 0x00}));
        DialResponse r = readAnswer();
        assertThat(r.status()).isEqualTo(ResponseStatus.E_BAD_REQUEST);
        assertThat(r.statusText()).contains("DIAL without peer info");
        assertThat(stream.isOpen()).isFalse();

        EmbeddedChannel other = new EmbeddedChannel();
        AutoNatResponder.install(other, AutoNatCodecTest.PEER, REQUESTER_ADDR, (p, d) -> answer, READ_TIMEOUT);
        other.writeInbound(Unpooled.wrappedBuffer(framed(DialResponse.ok(AutoNatCodecTest.ADDR))));
        ByteBuf out = other.readOutbound();
        Varint.readLength(out, AutoNatProtocol.MAX_MESSAGE_BYTES);
        assertThat(((DialResponse) AutoNatCodec.decode(out)).statusText()).isEqualTo("expected a DIAL");
        out.release();
        other.finishAndReleaseAll();
    }

    @Test
    void aLengthAboveTheLimitResetsAtThePrefixWithoutBuffering() {
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, AutoNatProtocol.MAX_MESSAGE_BYTES + 1);
        stream.writeInbound(prefix);
        assertThat(stream.isOpen()).isFalse();
        assertThat((Object) stream.readOutbound()).isNull();
    }

    @Test
    void aMessageAtTheLimitIsRead() {
        byte[] body = new byte[AutoNatProtocol.MAX_MESSAGE_BYTES];
        byte[] dial = AutoNatCodec.encode(DIAL);
        System.arraycopy(dial, 0, body, 0, dial.length);
        // Pad with an unknown bytes field (number 15) so the message stays a valid DIAL.
        int pad = body.length - dial.length;
        body[dial.length] = 0x7a;
        ByteBuf len = Unpooled.buffer();
        Varint.write(len, pad - 3);
        body[dial.length + 1] = len.readByte();
        body[dial.length + 2] = len.readByte();
        len.release();
        stream.writeInbound(LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body));
        assertThat(handled).containsExactly(DIAL);
        assertThat(readAnswer().status()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void aSecondMessageResetsTheStream() {
        answer = new CompletableFuture<>();
        byte[] one = framed(DIAL);
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        stream.writeInbound(Unpooled.wrappedBuffer(two));
        assertThat(handled).hasSize(1);
        assertThat(stream.isOpen()).isFalse();
        answer.complete(DialResponse.ok(AutoNatCodecTest.ADDR));
        stream.runPendingTasks();
        assertThat((Object) stream.readOutbound()).isNull();
    }

    @Test
    void noDialWithinTheReadTimeoutResetsTheStream() {
        stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x20, 0x08}));
        stream.advanceTimeBy(READ_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isTrue();
        stream.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isFalse();
        assertThat(handled).isEmpty();
    }

    @Test
    void theRequesterEndingItsSideWithoutADialClosesTheStream() {
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(stream.isOpen()).isFalse();
        assertThat((Object) stream.readOutbound()).isNull();
    }
}
