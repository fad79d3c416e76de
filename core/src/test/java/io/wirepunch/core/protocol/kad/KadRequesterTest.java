package io.wirepunch.core.protocol.kad;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.multiformats.Varint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of one kad stream on an EmbeddedChannel: what it sends, and which answers it takes. */
class KadRequesterTest {
    private final EmbeddedChannel stream = new EmbeddedChannel();
    private final CompletableFuture<KadMessage> result = new CompletableFuture<>();

    @AfterEach
    void release() {
        stream.finishAndReleaseAll();
    }

    private void start(KadMessage request) {
        KadRequester.start(stream, request, result);
        ByteBuf sent = stream.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(sent)).isEqualTo(KadResponderTest.framed(request));
        } finally {
            sent.release();
        }
    }

    private Throwable failure() {
        assertThat(result).isCompletedExceptionally();
        try {
            result.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAnswerArrivingOneByteAtATimeCompletesTheRequestAndClosesTheStream() {
        start(KadMessage.findNode(KadCodecTest.BOB));
        KadMessage answer = KadMessage.findNode(KadCodecTest.BOB)
                .withCloserPeers(List.of(new KadPeer(KadCodecTest.ALICE, List.of(KadCodecTest.ADDR))));
        for (byte b : KadResponderTest.framed(answer)) {
            assertThat(result).isNotDone();
            stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(result).isCompletedWithValue(answer);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anAnswerOfAnotherTypeFailsTheRequest() {
        start(KadMessage.findNode(KadCodecTest.BOB));
        stream.writeInbound(Unpooled.wrappedBuffer(KadResponderTest.framed(KadMessage.ping())));
        assertThat(failure()).isInstanceOf(KadException.class).hasMessageContaining("asked FIND_NODE, answered PING");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aMalformedAnswerFailsTheRequest() {
        start(KadMessage.ping());
        stream.writeInbound(Unpooled.wrappedBuffer(KadResponderTest.framed(new byte[] {0x08, 0x05, 0x12, 0x09})));
        assertThat(failure()).isInstanceOf(KadException.class).hasMessageContaining("malformed");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anOversizeAnswerFailsTheRequestFromItsPrefix() {
        start(KadMessage.ping());
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, KadProtocol.MAX_MESSAGE_BYTES + 1);
        stream.writeInbound(prefix);
        assertThat(failure()).isInstanceOf(KadException.class).hasMessageContaining("exceeds the maximum");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void theRemoteEndingTheStreamWithoutAnAnswerFailsTheRequest() {
        start(KadMessage.getProviders(new byte[] {1}));
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(failure()).isInstanceOf(KadException.class).hasMessageContaining("without answering GET_PROVIDERS");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aTimeoutFromOutsideResetsTheStream() {
        start(KadMessage.ping());
        result.completeExceptionally(new java.util.concurrent.TimeoutException("late"));
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void sendOnlyWritesTheMessageAndEndsTheStream() {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        KadMessage announce = KadMessage.addProvider(new byte[] {4}, new KadPeer(KadCodecTest.ALICE, List.of()));
        KadRequester.sendOnly(stream, announce, sent);
        ByteBuf out = stream.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(KadResponderTest.framed(announce));
        } finally {
            out.release();
        }
        assertThat(sent).isCompleted();
        assertThat(stream.isOpen()).isFalse();
    }
}
