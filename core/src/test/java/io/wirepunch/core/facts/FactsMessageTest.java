package io.wirepunch.core.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.wirepunch.core.facts.pb.FactsProtos;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.testutil.FakeClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts message and the stream decoder: limits crossed, fragments joined, bad input refused. */
class FactsMessageTest {
    private final PrivateKey issuer = Fixtures.key();
    private final PeerId subject = Fixtures.id(Fixtures.key());

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
        FactsDecoder.install(ch.pipeline());
        ch.pipeline().addLast(sink);
        return ch;
    }

    static byte[] framed(byte[] body) {
        ByteBuf b = LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private List<SignedFact> facts(int n) {
        List<SignedFact> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SignedFact.sign(issuer, Fixtures.endpoint(subject, FakeClock.START.plusMillis(i))));
        }
        return out;
    }

    private static byte[] rawMessage(List<byte[]> facts) {
        FactsProtos.FactsMessage.Builder b = FactsProtos.FactsMessage.newBuilder();
        facts.forEach(f -> b.addFacts(ByteString.copyFrom(f)));
        return b.build().toByteArray();
    }

    @Test
    void aMessageRoundTrips() {
        FactsMessage m = FactsMessage.of(facts(3));
        assertThat(FactsMessage.decode(m.encode())).isEqualTo(m);
    }

    @Test
    void factsPerMessageAreBounded() {
        List<SignedFact> max = facts(FactsProtocol.MAX_FACTS_PER_MESSAGE);
        assertThat(FactsMessage.decode(FactsMessage.of(max).encode()).facts()).hasSize(FactsProtocol.MAX_FACTS_PER_MESSAGE);
        List<byte[]> raw = new ArrayList<>(max.stream().map(SignedFact::toBytes).toList());
        raw.add(new byte[0]);
        assertThatThrownBy(() -> FactsMessage.decode(rawMessage(raw))).isInstanceOf(FactWireException.class)
                .hasMessageContaining("at most " + FactsProtocol.MAX_FACTS_PER_MESSAGE);
        List<SignedFact> tooMany = facts(FactsProtocol.MAX_FACTS_PER_MESSAGE + 1);
        assertThatThrownBy(() -> FactsMessage.of(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageBytesAreBounded() {
        assertThatThrownBy(() -> FactsMessage.decode(new byte[FactsProtocol.MAX_MESSAGE_BYTES + 1]))
                .isInstanceOf(FactWireException.class).hasMessageContaining("exceeds " + FactsProtocol.MAX_MESSAGE_BYTES);
        assertThatThrownBy(() -> FactsMessage.decode(new byte[] {(byte) 0x0A, 5, 1}))
                .isInstanceOf(FactWireException.class).hasMessageContaining("malformed");
    }

    @Test
    void aBadFactIsSkippedAlone() {
        List<SignedFact> good = facts(2);
        byte[] forged = good.get(0).toBytes();
        forged[forged.length - 1] ^= 1;
        FactsMessage m = FactsMessage.decode(rawMessage(List.of(forged, good.get(1).toBytes(), new byte[] {7})));
        assertThat(m.facts()).containsExactly(good.get(1));
        assertThat(m.skipped()).isEqualTo(2);
    }

    @Test
    void packingRespectsBothLimits() {
        List<SignedFact> many = facts(FactsProtocol.MAX_FACTS_PER_MESSAGE * 2 + 1);
        List<FactsMessage> packed = FactsMessage.pack(many, FactsProtocol.MAX_MESSAGES_PER_STREAM);
        assertThat(packed).hasSize(3);
        assertThat(packed.get(0).facts()).hasSize(FactsProtocol.MAX_FACTS_PER_MESSAGE);
        assertThat(packed.get(2).facts()).hasSize(1);
        assertThat(FactsMessage.pack(many, 2)).hasSize(2);
        assertThat(FactsMessage.pack(List.of(), 2)).isEmpty();
        for (FactsMessage m : packed) {
            assertThat(m.encode().length).isLessThanOrEqualTo(FactsProtocol.MAX_MESSAGE_BYTES);
        }
    }

    @Test
    void fragmentedFramesAreJoined() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        FactsMessage m = FactsMessage.of(facts(2));
        byte[] bytes = framed(m.encode());
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(sink.messages).containsExactly(m);
        assertThat(sink.errors).isEmpty();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anOversizeLengthPrefixResetsTheStreamBeforeTheBody() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, FactsProtocol.MAX_MESSAGE_BYTES + 1);
        ch.writeInbound(prefix);
        assertThat(sink.errors).singleElement().isInstanceOf(FactWireException.class);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedMessageResetsTheStreamOnce() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        byte[] bad = framed(new byte[] {(byte) 0xFF, (byte) 0xFF});
        ch.writeInbound(Unpooled.wrappedBuffer(concat(bad, bad)));
        assertThat(sink.errors).singleElement().isInstanceOf(FactWireException.class);
        assertThat(sink.messages).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void messagesPerStreamAreBounded() {
        Sink sink = new Sink();
        EmbeddedChannel ch = stream(sink);
        byte[] empty = framed(new byte[0]);
        for (int i = 0; i < FactsProtocol.MAX_MESSAGES_PER_STREAM; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(empty));
        }
        assertThat(sink.messages).hasSize(FactsProtocol.MAX_MESSAGES_PER_STREAM);
        assertThat(sink.errors).isEmpty();
        ch.writeInbound(Unpooled.wrappedBuffer(empty));
        assertThat(sink.messages).hasSize(FactsProtocol.MAX_MESSAGES_PER_STREAM);
        assertThat(sink.errors).singleElement().isInstanceOf(FactWireException.class)
                .hasFieldOrPropertyWithValue("message",
                        "more than " + FactsProtocol.MAX_MESSAGES_PER_STREAM + " messages on one facts stream");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
