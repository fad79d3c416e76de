package io.wirepunch.core.protocol.dcutr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.dcutr.pb.DcutrProtos.HolePunch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolePunchDecoderTest {

    /** Collects what passes the decoders: messages and errors. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Object> messages = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add(msg);
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    static EmbeddedChannel stream(Sink sink) {
        EmbeddedChannel ch = new EmbeddedChannel();
        HolePunchDecoder.install(ch.pipeline());
        ch.pipeline().addLast(sink);
        return ch;
    }

    static byte[] framed(HolePunchMessage m) {
        return framed(m.encode());
    }

    static byte[] framed(byte[] body) {
        ByteBuf b = LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** Feeds {@code bytes} to a fresh stream and checks that it is refused with {@code message}. */
    private static void assertRefused(byte[] bytes, String message) {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertRefused(sink, ch, message);
        ch.finishAndReleaseAll();
    }

    private static void assertRefused(Sink sink, EmbeddedChannel ch, String message) {
        assertThat(sink.messages).isEmpty();
        assertThat(sink.errors).singleElement().isInstanceOfSatisfying(DcutrWireException.class,
                e -> assertThat(e.getMessage()).contains(message));
        assertThat(ch.isOpen()).as("stream reset").isFalse();
    }

    @Test
    void decodesEveryMessageOnTheStream() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        HolePunchMessage connect = HolePunchMessage.connect(List.of(HolePunchMessageTest.TCP));
        ch.writeInbound(Unpooled.buffer().writeBytes(framed(connect)).writeBytes(framed(HolePunchMessage.sync()))
                .writeBytes(framed(connect)));
        assertThat(sink.messages).containsExactly(connect, HolePunchMessage.sync(), connect);
        assertThat(sink.errors).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void decodesAMessageFedOneByteAtATime() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        HolePunchMessage connect = HolePunchMessage.connect(HolePunchMessageTest.addrs(5));
        for (byte b : framed(connect)) {
            assertThat(sink.messages).isEmpty();
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(sink.messages).containsExactly(connect);
        assertThat(sink.errors).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedFromThePrefixAlone() {
        // only the prefix arrives: the refusal cannot wait for a body
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, DcutrProtocol.MAX_MESSAGE_BYTES + 1);
        byte[] bytes = ByteBufUtil.getBytes(prefix);
        prefix.release();
        assertRefused(bytes, "hole punch message refused");
    }

    @Test
    void aMessageOfExactlyTheMaximumIsRead() {
        // type (2 bytes) + one address entry: tag (1) + length varint (2) + padding
        int padding = DcutrProtocol.MAX_MESSAGE_BYTES - 2 - 1 - 2;
        byte[] body = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT)
                .addObsAddrs(ByteString.copyFrom(new byte[padding])).build().toByteArray();
        assertThat(body).hasSize(DcutrProtocol.MAX_MESSAGE_BYTES);
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        ch.writeInbound(Unpooled.wrappedBuffer(framed(body)));
        assertThat(sink.errors).isEmpty();
        assertThat(sink.messages).containsExactly(HolePunchMessage.connect(List.of()));
        ch.finishAndReleaseAll();

        byte[] over = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT)
                .addObsAddrs(ByteString.copyFrom(new byte[padding + 1])).build().toByteArray();
        assertRefused(framed(over), "hole punch message refused");
    }

    @Test
    void malformedProtobufResetsTheStream() {
        assertRefused(new byte[] {3, 0x08, (byte) 0xff, (byte) 0xff}, "malformed hole punch message");
    }

    @Test
    void anUnknownTypeResetsTheStream() {
        assertRefused(new byte[] {2, 0x08, 0x65}, "without a known type"); // 101: neither CONNECT nor SYNC
    }

    @Test
    void tooManyAddressesResetTheStream() {
        HolePunch.Builder b = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT);
        HolePunchMessageTest.addrs(DcutrProtocol.MAX_OBSERVED_ADDRS + 1)
                .forEach(a -> b.addObsAddrs(ByteString.copyFrom(a.toBytes())));
        assertRefused(framed(b.build().toByteArray()), "at most " + DcutrProtocol.MAX_OBSERVED_ADDRS);
    }

    @Test
    void aBadMessageStopsTheMessagesBehindIt() {
        byte[] unknownType = {2, 0x08, 0x01};
        byte[] sync = framed(HolePunchMessage.sync());
        byte[] both = Arrays.copyOf(unknownType, unknownType.length + sync.length);
        System.arraycopy(sync, 0, both, unknownType.length, sync.length);
        assertRefused(both, "without a known type");
    }

    @Test
    void anUnparsableAddressIsSkipped() {
        byte[] body = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT)
                .addObsAddrs(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x03}))
                .addObsAddrs(ByteString.copyFrom(HolePunchMessageTest.TCP.toBytes()))
                .build().toByteArray();
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        ch.writeInbound(Unpooled.wrappedBuffer(framed(body)));
        assertThat(sink.errors).isEmpty();
        assertThat(sink.messages).containsExactly(HolePunchMessage.connect(List.of(HolePunchMessageTest.TCP)));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }
}
