package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamuxFrameCodecTest {
    private static final int MAX_DATA = 1024 * 1024;

    private final EmbeddedChannel decoder = new EmbeddedChannel(new YamuxFrameDecoder(MAX_DATA));
    private final EmbeddedChannel encoder = new EmbeddedChannel(new YamuxFrameEncoder());

    @AfterEach
    void finish() {
        decoder.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
    }

    @Test
    void windowUpdateHeaderIsBigEndianWithVersionZero() {
        ByteBuf wire = encode(YamuxFrame.windowUpdate(0x01020304, YamuxFrame.FLAG_SYN | YamuxFrame.FLAG_FIN, 0x0A0B0C0DL));
        assertThat(ByteBufUtil.hexDump(wire)).isEqualTo("0001" + "0005" + "01020304" + "0a0b0c0d");
        wire.release();
    }

    @Test
    void everyFrameTypeSurvivesARoundTrip() {
        byte[] payload = "hello yamux".getBytes(StandardCharsets.US_ASCII);
        List<YamuxFrame> decoded = decodeAll(concat(
                encode(YamuxFrame.data(7, YamuxFrame.FLAG_ACK, Unpooled.wrappedBuffer(payload))),
                encode(YamuxFrame.windowUpdate(8, YamuxFrame.FLAG_RST, 0xFFFF_FFFFL)),
                encode(YamuxFrame.ping(YamuxFrame.FLAG_SYN, 42)),
                encode(YamuxFrame.goAway(YamuxFrame.GO_AWAY_PROTOCOL_ERROR)),
                encode(YamuxFrame.data(9, YamuxFrame.FLAG_FIN, Unpooled.EMPTY_BUFFER))), false);
        try {
            assertThat(decoded).hasSize(5);
            assertFrame(decoded.get(0), YamuxFrameType.DATA, YamuxFrame.FLAG_ACK, 7, payload.length);
            assertThat(ByteBufUtil.getBytes(decoded.get(0).content())).isEqualTo(payload);
            assertFrame(decoded.get(1), YamuxFrameType.WINDOW_UPDATE, YamuxFrame.FLAG_RST, 8, 0xFFFF_FFFFL);
            assertFrame(decoded.get(2), YamuxFrameType.PING, YamuxFrame.FLAG_SYN, 0, 42);
            assertFrame(decoded.get(3), YamuxFrameType.GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
            assertFrame(decoded.get(4), YamuxFrameType.DATA, YamuxFrame.FLAG_FIN, 9, 0);
        } finally {
            decoded.forEach(YamuxFrame::release);
        }
    }

    @Test
    void largePayloadIsEncodedWithoutLosingBytes() {
        byte[] payload = new byte[YamuxFrameEncoder.COPY_THRESHOLD * 5 + 3];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        List<YamuxFrame> decoded = decodeAll(encode(YamuxFrame.data(3, 0, Unpooled.copiedBuffer(payload))), false);
        assertThat(decoded).hasSize(1);
        assertThat(ByteBufUtil.getBytes(decoded.get(0).content())).isEqualTo(payload);
        decoded.get(0).release();
    }

    @Test
    void framesArrivingOneByteAtATimeAreReassembled() {
        byte[] payload = new byte[300];
        ByteBuf wire = concat(
                encode(YamuxFrame.data(5, YamuxFrame.FLAG_SYN, Unpooled.wrappedBuffer(payload))),
                encode(YamuxFrame.ping(YamuxFrame.FLAG_ACK, 7)),
                encode(YamuxFrame.windowUpdate(5, 0, 1000)));
        List<YamuxFrame> decoded = decodeAll(wire, true);
        try {
            assertThat(decoded).extracting(YamuxFrame::type)
                    .containsExactly(YamuxFrameType.DATA, YamuxFrameType.PING, YamuxFrameType.WINDOW_UPDATE);
            assertThat(decoded.get(0).content().readableBytes()).isEqualTo(300);
            assertThat(decoded.get(2).length()).isEqualTo(1000);
        } finally {
            decoded.forEach(YamuxFrame::release);
        }
    }

    @Test
    void unknownVersionIsRefused() {
        ByteBuf wire = Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> decoder.writeInbound(wire))
                .isInstanceOf(YamuxProtocolException.class).hasMessageContaining("version 1");
    }

    @Test
    void unknownTypeIsRefused() {
        ByteBuf wire = Unpooled.wrappedBuffer(new byte[] {0, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> decoder.writeInbound(wire))
                .isInstanceOf(YamuxProtocolException.class).hasMessageContaining("type 4");
    }

    @Test
    void oversizeDataLengthIsRefusedFromTheHeaderAlone() {
        ByteBuf header = Unpooled.buffer(12).writeByte(0).writeByte(0).writeShort(0).writeInt(1).writeInt(MAX_DATA + 1);
        assertThatThrownBy(() -> decoder.writeInbound(header))
                .isInstanceOf(YamuxProtocolException.class).hasMessageContaining("exceeds the maximum");
    }

    @Test
    void maximumUnsignedLengthIsRefusedFromTheHeaderAlone() {
        ByteBuf header = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, -1, -1, -1, -1});
        assertThatThrownBy(() -> decoder.writeInbound(header))
                .isInstanceOf(YamuxProtocolException.class).hasMessageContaining("4294967295");
    }

    @Test
    void bytesAfterAViolationAreDiscarded() {
        ByteBuf bad = Unpooled.wrappedBuffer(new byte[] {9, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> decoder.writeInbound(bad)).isInstanceOf(YamuxProtocolException.class);
        assertThat(decoder.writeInbound(encode(YamuxFrame.ping(YamuxFrame.FLAG_SYN, 1)))).isFalse();
    }

    @Test
    void truncatedHeaderYieldsNothing() {
        assertThat(decoder.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 2, 0, 1, 0}))).isFalse();
    }

    private static void assertFrame(YamuxFrame frame, YamuxFrameType type, int flags, int streamId, long length) {
        assertThat(frame.type()).isEqualTo(type);
        assertThat(frame.flags()).isEqualTo(flags);
        assertThat(frame.streamId()).isEqualTo(streamId);
        assertThat(frame.length()).isEqualTo(length);
    }

    private ByteBuf encode(YamuxFrame frame) {
        assertThat(encoder.writeOutbound(frame)).isTrue();
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part = encoder.readOutbound(); part != null; part = encoder.readOutbound()) {
            out.writeBytes(part);
            part.release();
        }
        return out;
    }

    private static ByteBuf concat(ByteBuf... parts) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part : parts) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    private List<YamuxFrame> decodeAll(ByteBuf wire, boolean oneByteAtATime) {
        if (oneByteAtATime) {
            while (wire.isReadable()) {
                decoder.writeInbound(wire.readRetainedSlice(1));
            }
            wire.release();
        } else {
            decoder.writeInbound(wire);
        }
        List<YamuxFrame> frames = new ArrayList<>();
        for (YamuxFrame frame = decoder.readInbound(); frame != null; frame = decoder.readInbound()) {
            frames.add(frame);
        }
        return frames;
    }
}
