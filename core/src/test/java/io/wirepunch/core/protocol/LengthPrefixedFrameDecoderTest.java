package io.wirepunch.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.wirepunch.core.multiformats.Varint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The varint length-prefixed framing libp2p protocols use: fragments, batches, limits, bad prefixes. */
class LengthPrefixedFrameDecoderTest {
    private static final int MAX = 1000;

    private final EmbeddedChannel channel = new EmbeddedChannel(new LengthPrefixedFrameDecoder(MAX));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private static byte[] frameBytes(byte[] body) {
        ByteBuf f = LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body);
        try {
            return ByteBufUtil.getBytes(f);
        } finally {
            f.release();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] body(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    /** Every frame read so far, copied out and released. */
    private List<byte[]> drain() {
        List<byte[]> frames = new ArrayList<>();
        for (ByteBuf f = channel.readInbound(); f != null; f = channel.readInbound()) {
            frames.add(ByteBufUtil.getBytes(f));
            f.release();
        }
        return frames;
    }

    @Test
    void frameWritesTheVarintLengthThenTheBody() {
        byte[] wire = frameBytes(body(300, 1));
        assertThat(wire).hasSize(302);
        assertThat(wire[0] & 0xFF).isEqualTo(0xAC);
        assertThat(wire[1] & 0xFF).isEqualTo(0x02);
    }

    @Test
    void framesArrivingOneByteAtATimeAreReassembled() {
        byte[] first = body(200, 3);
        byte[] empty = new byte[0];
        byte[] third = "identify".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = concat(frameBytes(first), frameBytes(empty), frameBytes(third));
        List<byte[]> frames = new ArrayList<>();
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            frames.addAll(drain());
        }
        assertThat(frames).containsExactly(first, empty, third);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void severalFramesInOneBufferComeOutInOrder() {
        byte[] a = body(MAX, 5);
        byte[] b = body(1, 6);
        byte[] c = body(129, 7);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frameBytes(a), frameBytes(b), frameBytes(c))));
        assertThat(drain()).containsExactly(a, b, c);
    }

    @Test
    void aTrailingPartialFrameWaitsForTheRest() {
        byte[] a = body(10, 1);
        byte[] b = body(500, 2);
        byte[] wireB = frameBytes(b);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frameBytes(a), java.util.Arrays.copyOf(wireB, 250))));
        assertThat(drain()).containsExactly(a);
        channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOfRange(wireB, 250, wireB.length)));
        assertThat(drain()).containsExactly(b);
    }

    @Test
    void aLengthOneAboveTheMaximumIsRefusedFromThePrefixAlone() {
        // Only the two prefix bytes of MAX + 1: no body has arrived, and none will be waited for.
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, MAX + 1);
        assertThatThrownBy(() -> channel.writeInbound(prefix))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("exceeds the maximum of " + MAX);
        assertThat(drain()).isEmpty();
    }

    @Test
    void anIncompletePrefixThatCanOnlyEndAboveTheMaximumIsRefusedAtOnce() {
        // 0xFF: the first 7 bits with more to come, so the value is at least 128 ... then 0xFF again:
        // at least 2^14, above MAX, even though the varint has not ended.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF}));
        assertThat(drain()).isEmpty();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF})))
                .isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedWithoutBufferingTheBody() {
        ByteBuf wire = Unpooled.buffer();
        Varint.write(wire, Integer.MAX_VALUE);
        wire.writeBytes(body(4096, 9));
        assertThatThrownBy(() -> channel.writeInbound(wire)).isInstanceOf(TooLongFrameException.class);
        assertThat(drain()).isEmpty();
    }

    @Test
    void theMaximumItselfIsAccepted() {
        byte[] exact = body(MAX, 4);
        channel.writeInbound(Unpooled.wrappedBuffer(frameBytes(exact)));
        assertThat(drain()).containsExactly(exact);
    }

    @Test
    void aNonMinimalVarintIsMalformed() {
        // 0x85 0x00 encodes 5 with a useless zero group.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x85, 0x00, 1, 2, 3, 4, 5})))
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("not minimally encoded");
        assertThat(drain()).isEmpty();
    }

    @Test
    void aVarintLongerThanNineBytesIsMalformed() {
        EmbeddedChannel unlimited = new EmbeddedChannel(new LengthPrefixedFrameDecoder(Integer.MAX_VALUE));
        try {
            byte[] tooLong = new byte[10];
            java.util.Arrays.fill(tooLong, (byte) 0x80);
            // A maximum of Integer.MAX_VALUE stops this at the fifth byte (2^35 > max); either way it is refused.
            assertThatThrownBy(() -> unlimited.writeInbound(Unpooled.wrappedBuffer(tooLong)))
                    .isInstanceOf(DecoderException.class);
            Object leftover = unlimited.readInbound();
            assertThat(leftover).isNull();
        } finally {
            unlimited.finishAndReleaseAll();
        }
    }

    @Test
    void framesBeforeABadPrefixAreStillDelivered() {
        byte[] good = body(20, 1);
        byte[] wire = concat(frameBytes(good), new byte[] {(byte) 0x85, 0x00});
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(wire))).isInstanceOf(DecoderException.class);
        assertThat(drain()).containsExactly(good);
    }
}
