package io.wirepunch.core.facts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;

/**
 * A facts stream carries whatever a member sends. Fed through the installed decoders, any bytes
 * must come out as at most {@link FactsProtocol#MAX_MESSAGES_PER_STREAM} {@link FactsMessage}s
 * within the limits, each fact opened and well formed, followed by at most one
 * {@link FactWireException} and a reset stream, never another exception or a leaked buffer. Any
 * body the codec accepts must survive re-encoding unchanged. The first input byte picks where the
 * rest is split into two reads. Without JAZZER_FUZZ set this replays the committed inputs under
 * FactsFuzzTestInputs/decodeFacts.
 */
class FactsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeFacts(byte[] data) {
        byte[] stream = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        codecRoundTrips(stream);
        FactsMessageTest.Sink sink = new FactsMessageTest.Sink();
        EmbeddedChannel ch = FactsMessageTest.stream(sink);
        try {
            int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (stream.length + 1);
            ch.writeInbound(Unpooled.copiedBuffer(stream, 0, cut));
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.copiedBuffer(stream, cut, stream.length - cut));
            }
            for (Throwable t : sink.errors) {
                if (!(t instanceof FactWireException)) {
                    throw new AssertionError("unexpected failure", t);
                }
            }
            if (sink.errors.size() > 1) {
                throw new AssertionError(sink.errors.size() + " errors from one stream");
            }
            if (!sink.errors.isEmpty() && ch.isOpen()) {
                throw new AssertionError("stream left open after " + sink.errors.get(0).getMessage());
            }
            if (sink.messages.size() > FactsProtocol.MAX_MESSAGES_PER_STREAM) {
                throw new AssertionError(sink.messages.size() + " messages from one stream");
            }
            for (Object m : sink.messages) {
                if (!(m instanceof FactsMessage fm)) {
                    throw new AssertionError("handed on " + m);
                }
                if (fm.facts().size() > FactsProtocol.MAX_FACTS_PER_MESSAGE) {
                    throw new AssertionError("a message with " + fm.facts().size() + " facts");
                }
                fm.facts().forEach(f -> f.fact().toString());
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void codecRoundTrips(byte[] body) {
        FactsMessage decoded;
        try {
            decoded = FactsMessage.decode(body);
        } catch (FactWireException refused) {
            return;
        }
        FactsMessage again = FactsMessage.decode(decoded.encode());
        if (!again.facts().equals(decoded.facts()) || again.skipped() != 0) {
            throw new AssertionError("message changed on re-encoding: " + decoded + " vs " + again);
        }
        for (SignedFact f : decoded.facts()) {
            SignedFact reopened = SignedFact.open(f.toBytes());
            if (!reopened.fact().equals(f.fact()) || !reopened.issuer().equals(f.issuer())) {
                throw new AssertionError("fact changed on reopening: " + f + " vs " + reopened);
            }
        }
    }
}
