package io.wirepunch.core.protocol.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayMessageDecoderTest {
    private static final PeerId TARGET = Keys.generateEd25519().publicKey().peerId();

    /** Collects what passes the decoder: messages, raw bytes handed on, and errors. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Object> messages = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final ByteBuf raw = Unpooled.buffer();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                raw.writeBytes(b);
                b.release();
            } else {
                messages.add(msg);
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    private static byte[] framed(Object message) {
        ByteBuf b = RelayMessages.frame(ByteBufAllocator.DEFAULT, (com.google.protobuf.MessageLite) message);
        try {
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    @Test
    void decodesAWholeMessageAndStopsReading() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
        ch.writeInbound(Unpooled.wrappedBuffer(framed(RelayMessages.connect(TARGET))));
        assertThat(sink.messages).hasSize(1);
        HopMessage m = (HopMessage) sink.messages.get(0);
        assertThat(RelayMessages.peerOf(m.hasPeer(), m.getPeer())).isEqualTo(TARGET);
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void decodesAMessageFedOneByteAtATime() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.stop(), sink);
        byte[] bytes = framed(RelayMessages.stopConnect(TARGET, new CircuitLimit(Duration.ofMinutes(2), 1 << 17)));
        for (byte b : bytes) {
            assertThat(sink.messages).isEmpty();
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(sink.messages).hasSize(1);
        StopMessage m = (StopMessage) sink.messages.get(0);
        assertThat(RelayMessages.limitOf(m.hasLimit(), m.getLimit()))
                .isEqualTo(new CircuitLimit(Duration.ofMinutes(2), 1 << 17));
        assertThat(sink.errors).isEmpty();
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void bytesAfterTheMessageAreHandedOnWhenTheDecoderLeaves() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
        byte[] msg = framed(RelayMessages.hopStatus(Status.OK));
        byte[] tail = "/multistream/1.0.0\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuf in = Unpooled.buffer().writeBytes(msg).writeBytes(tail);
        ch.writeInbound(in);
        assertThat(sink.messages).hasSize(1);
        assertThat(sink.raw.readableBytes()).isZero();
        ch.pipeline().remove(RelayMessageDecoder.class);
        assertThat(sink.raw.toString(StandardCharsets.US_ASCII)).isEqualTo("/multistream/1.0.0\n");
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedFromThePrefixAlone() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, RelayProtocol.MAX_MESSAGE_BYTES + 1);
        ch.writeInbound(prefix);
        assertThat(sink.messages).isEmpty();
        assertThat(sink.errors).singleElement().isInstanceOfSatisfying(RelayWireException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.MALFORMED_MESSAGE);
            assertThat(e.getMessage()).contains("hop message refused");
        });
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void aMessageOfExactlyTheMaximumIsRead() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
        HopMessage.Builder b = RelayMessages.connect(TARGET).toBuilder();
        // pad with addresses until the body is exactly the maximum
        b.getPeerBuilder().addAddrs(com.google.protobuf.ByteString.copyFrom(new byte[1]));
        int over = b.build().getSerializedSize();
        b.getPeerBuilder().setAddrs(0, com.google.protobuf.ByteString.copyFrom(new byte[1 + RelayProtocol.MAX_MESSAGE_BYTES - over - 2]));
        HopMessage big = b.build();
        int size = big.getSerializedSize();
        b.getPeerBuilder().setAddrs(0, com.google.protobuf.ByteString.copyFrom(
                new byte[big.getPeer().getAddrs(0).size() + RelayProtocol.MAX_MESSAGE_BYTES - size]));
        big = b.build();
        assertThat(big.getSerializedSize()).isEqualTo(RelayProtocol.MAX_MESSAGE_BYTES);
        ch.writeInbound(Unpooled.wrappedBuffer(framed(big)));
        assertThat(sink.messages).hasSize(1);
        assertThat(sink.errors).isEmpty();
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void malformedProtobufAndMissingTypeAreMalformedMessages() {
        for (byte[] bad : new byte[][] {
                {3, 0x08, (byte) 0xff, (byte) 0xff},        // truncated varint field
                {2, 0x12, 0x00},                             // peer, but no type: a required field is missing
                {2, 0x08, 0x09},                             // type 9 is no hop type, so type counts as absent
        }) {
            Sink sink = new Sink();
            EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
            ch.writeInbound(Unpooled.wrappedBuffer(bad));
            assertThat(sink.messages).isEmpty();
            assertThat(sink.errors).singleElement().isInstanceOfSatisfying(RelayWireException.class, e ->
                    assertThat(e.getMessage()).startsWith("malformed hop message"));
            ch.finishAndReleaseAll();
            sink.raw.release();
        }
    }

    @Test
    void anUnknownStatusDoesNotReadAsOk() {
        // type STATUS (2), status 999: proto2 keeps the unknown number aside, so hasStatus() is false
        byte[] body = {0x08, 0x02, 0x28, (byte) 0xe7, 0x07};
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(RelayMessageDecoder.hop(), sink);
        ch.writeInbound(Unpooled.buffer().writeByte(body.length).writeBytes(body));
        HopMessage m = (HopMessage) sink.messages.get(0);
        assertThat(m.getStatus()).isEqualTo(Status.OK); // the proto2 default: exactly why statusOf exists
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayMessages.statusOf(m.hasStatus(), m.getStatus()))
                .isInstanceOf(RelayWireException.class).hasMessageContaining("without a known status");
        ch.finishAndReleaseAll();
        sink.raw.release();
    }

    @Test
    void connectWithoutAValidPeerIsMalformed() {
        HopMessage noPeer = HopMessage.newBuilder().setType(HopMessage.Type.CONNECT).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayMessages.peerOf(noPeer.hasPeer(), noPeer.getPeer()))
                .isInstanceOf(RelayWireException.class).hasMessageContaining("without a peer");
        HopMessage badPeer = noPeer.toBuilder().setPeer(RelayMessages.peer(TARGET).toBuilder()
                .setId(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3}))).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelayMessages.peerOf(badPeer.hasPeer(), badPeer.getPeer()))
                .isInstanceOf(RelayWireException.class).hasMessageContaining("no valid peer id");
    }

    @Test
    void limitsRoundTripAndNoLimitIsAnAbsentField() {
        assertThat(CircuitLimit.NONE.toProto()).isEmpty();
        CircuitLimit l = new CircuitLimit(Duration.ofSeconds(120), 131072);
        assertThat(CircuitLimit.fromProto(l.toProto().orElseThrow())).isEqualTo(l);
        HopMessage ok = RelayMessages.hopOk(null, CircuitLimit.NONE);
        assertThat(ok.hasLimit()).isFalse();
        assertThat(RelayMessages.limitOf(ok.hasLimit(), ok.getLimit())).isEqualTo(CircuitLimit.NONE);
    }
}
