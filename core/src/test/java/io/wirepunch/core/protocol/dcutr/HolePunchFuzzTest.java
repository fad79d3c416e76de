package io.wirepunch.core.protocol.dcutr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;

/**
 * A DCUtR stream carries whatever the other peer sends. Fed through the installed decoders, any
 * bytes must come out as {@link HolePunchMessage}s within the limits, followed by at most one
 * {@link DcutrWireException} and a reset stream, never another exception or a leaked buffer. Any
 * body the codec accepts must survive re-encoding unchanged. The first input byte picks where the
 * rest is split into two reads. Without JAZZER_FUZZ set this replays the committed inputs under
 * HolePunchFuzzTestInputs/decodeHolePunch.
 */
class HolePunchFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeHolePunch(byte[] data) {
        byte[] stream = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        codecRoundTrips(stream);
        HolePunchDecoderTest.Sink sink = new HolePunchDecoderTest.Sink();
        EmbeddedChannel ch = HolePunchDecoderTest.stream(sink);
        try {
            int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (stream.length + 1);
            ch.writeInbound(Unpooled.copiedBuffer(stream, 0, cut));
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.copiedBuffer(stream, cut, stream.length - cut));
            }
            for (Throwable t : sink.errors) {
                if (!(t instanceof DcutrWireException)) {
                    throw new AssertionError("unexpected failure", t);
                }
            }
            if (sink.errors.size() > 1) {
                throw new AssertionError(sink.errors.size() + " errors from one stream");
            }
            if (!sink.errors.isEmpty() && ch.isOpen()) {
                throw new AssertionError("stream left open after " + sink.errors.get(0).getMessage());
            }
            for (Object m : sink.messages) {
                if (!(m instanceof HolePunchMessage hp)) {
                    throw new AssertionError("handed on " + m);
                }
                if (hp.observedAddrs().size() > DcutrProtocol.MAX_OBSERVED_ADDRS) {
                    throw new AssertionError("a message with " + hp.observedAddrs().size() + " addresses");
                }
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void codecRoundTrips(byte[] body) {
        HolePunchMessage decoded;
        try {
            decoded = HolePunchMessage.decode(body);
        } catch (DcutrWireException refused) {
            return;
        }
        HolePunchMessage again = HolePunchMessage.decode(decoded.encode());
        if (!again.equals(decoded)) {
            throw new AssertionError("message changed on re-encoding: " + decoded + " vs " + again);
        }
    }
}
