package io.wirepunch.core.upgrade.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;

/**
 * Whatever a remote sends, the reader either waits for more, returns a message of bounded
 * size, or throws a {@link MultistreamException}; the handlers end in exactly one outcome.
 * The first input byte picks the chunk size, so regression inputs also cover fragmentation.
 */
class MultistreamReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readerAcceptsOrNamesTheProblem(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        try {
            String message;
            while ((message = MultistreamMessages.read(buf)) != null) {
                assertThat(message.length()).isLessThan(MultistreamMessages.MAX_MESSAGE_LENGTH);
            }
        } catch (MultistreamException expected) {
            assertThat(expected.reason()).isNotNull();
        } finally {
            buf.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void handlersEndInOneOutcome(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0x0F);
        RecordingListener responderListener = new RecordingListener();
        RecordingListener initiatorListener = new RecordingListener();
        EmbeddedChannel responder = new EmbeddedChannel(
                new MultistreamResponder(ProtocolMatcher.of("/noise", "/yamux/1.0.0"), responderListener));
        EmbeddedChannel initiator = new EmbeddedChannel(
                new MultistreamInitiator(List.of("/tls/1.0.0", "/noise"), initiatorListener));
        try {
            for (int i = 1; i < input.length; i += chunk) {
                int length = Math.min(chunk, input.length - i);
                if (responder.isOpen()) {
                    responder.writeInbound(Unpooled.copiedBuffer(input, i, length));
                }
                if (initiator.isOpen()) {
                    initiator.writeInbound(Unpooled.copiedBuffer(input, i, length));
                }
            }
            assertOneOutcome(responder, responderListener);
            assertOneOutcome(initiator, initiatorListener);
        } finally {
            responder.finishAndReleaseAll();
            initiator.finishAndReleaseAll();
            responderListener.release();
            initiatorListener.release();
        }
    }

    private static void assertOneOutcome(EmbeddedChannel channel, RecordingListener listener) {
        assertThat(listener.selected.size() + listener.failures.size()).isLessThanOrEqualTo(1);
        listener.failures.forEach(f -> assertThat(f).isInstanceOf(MultistreamException.class));
        assertThat(channel.isOpen()).isEqualTo(listener.failures.isEmpty());
    }
}
