package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.Dial;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's stream handler on an EmbeddedChannel: what it sends, and every way an answer can go wrong. */
class AutoNatRequesterTest {
    private static final Dial DIAL = new Dial(AutoNatCodecTest.PEER, List.of(AutoNatCodecTest.ADDR));

    private final EmbeddedChannel stream = new EmbeddedChannel();
    private final CompletableFuture<DialResponse> result = new CompletableFuture<>();

    AutoNatRequesterTest() {
        AutoNatRequester.start(stream, DIAL, result);
    }

    @AfterEach
    void release() {
        stream.finishAndReleaseAll();
    }

    private static byte[] framed(AutoNatMessage m) {
        ByteBuf f = AutoNatCodec.frame(ByteBufAllocator.DEFAULT, m);
        byte[] out = new byte[f.readableBytes()];
        f.readBytes(out);
        f.release();
        return out;
    }

    private AutoNatException failure() {
        assertThat(result).isCompletedExceptionally();
        try {
            result.get();
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return (AutoNatException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendsTheDialAndTakesAnAnswerArrivingByteByByte() throws Exception {
        ByteBuf sent = stream.readOutbound();
        Varint.readLength(sent, AutoNatProtocol.MAX_MESSAGE_BYTES);
        assertThat(AutoNatCodec.decode(sent)).isEqualTo(DIAL);
        sent.release();
        for (byte b : framed(DialResponse.ok(AutoNatCodecTest.ADDR))) {
            stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(result.get()).isEqualTo(DialResponse.ok(AutoNatCodecTest.ADDR));
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aDialForAnAnswerIsRefused() {
        stream.writeInbound(Unpooled.wrappedBuffer(framed(DIAL)));
        assertThat(failure().getMessage()).contains("answered with a DIAL");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anAnswerThatIsNoProtobufIsMalformed() {
        stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03, 0x0a, 0x05, 0x01}));
        assertThat(failure().kind()).isEqualTo(AutoNatException.Kind.MALFORMED);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anOversizeAnswerIsRefusedAtItsPrefix() {
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, AutoNatProtocol.MAX_MESSAGE_BYTES + 1);
        stream.writeInbound(prefix);
        assertThat(failure().getMessage()).contains("bad answer");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void theServerEndingTheStreamWithoutAnAnswerFailsTheRequest() {
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(failure().getMessage()).contains("without answering");
        assertThat(stream.isOpen()).isFalse();
    }
}
