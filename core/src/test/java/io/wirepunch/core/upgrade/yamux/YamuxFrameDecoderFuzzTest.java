package io.wirepunch.core.upgrade.yamux;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes, fed in pieces, must yield consistent frames or a {@link YamuxProtocolException},
 * never another exception, a leak, or a payload longer than the limit.
 * Regression inputs live in {@code YamuxFrameDecoderFuzzTestInputs/decodesArbitraryBytes}.
 */
class YamuxFrameDecoderFuzzTest {
    private static final int MAX_DATA = 4096;

    @FuzzTest
    void decodesArbitraryBytes(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new YamuxFrameDecoder(MAX_DATA));
        try {
            // The first byte picks the fragment size, so split frames are explored too.
            int fragment = input.length == 0 ? 1 : 1 + (input[0] & 0x1F);
            for (int offset = 1; offset < input.length; offset += fragment) {
                int length = Math.min(fragment, input.length - offset);
                channel.writeInbound(Unpooled.copiedBuffer(input, offset, length));
                for (YamuxFrame frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
                    try {
                        checkConsistent(frame);
                    } finally {
                        frame.release();
                    }
                }
            }
        } catch (YamuxProtocolException expected) {
            // malformed input is allowed to end this way
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void checkConsistent(YamuxFrame frame) {
        assertThat(frame.length()).isBetween(0L, 0xFFFF_FFFFL);
        if (frame.type() == YamuxFrameType.DATA) {
            assertThat(frame.content().readableBytes()).isEqualTo(frame.length()).isLessThanOrEqualTo(MAX_DATA);
        } else {
            assertThat(frame.content().readableBytes()).isZero();
        }
    }
}
