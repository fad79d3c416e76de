package io.wirepunch.core.protocol.identify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The identify stream reader on an {@link EmbeddedChannel}: the messages up to the sender's end of
 * stream are merged and handed on once, and the stream closed; malformed, oversize or surplus input
 * closes the stream and hands nothing on.
 */
class IdentifyReaderTest {
    private final PrivateKey senderKey = Keys.generateEd25519();
    private final PeerId sender = senderKey.publicKey().peerId();
    private final List<IdentifyProtos.Identify> received = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel stream = new EmbeddedChannel();

    {
        IdentifyReader.install(stream, sender, received::add);
    }

    @AfterEach
    void finish() {
        stream.finishAndReleaseAll();
        stream.checkException();
    }

    private IdentifyProtos.Identify message(String agent) {
        return IdentifyProtos.Identify.newBuilder()
                .setAgentVersion(agent)
                .setProtocolVersion(IdentifyProtocol.PROTOCOL_VERSION)
                .addProtocols(IdentifyProtocol.ID)
                .setPublicKey(ByteString.copyFrom(senderKey.publicKey().marshal()))
                .build();
    }

    private static byte[] framed(byte[] body) {
        ByteBuf f = LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, body);
        try {
            return ByteBufUtil.getBytes(f);
        } finally {
            f.release();
        }
    }

    private void endOfInput() {
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    }

    @Test
    void aMessageArrivingOneByteAtATimeIsHandedOnOnceTheSenderEndsItsSide() {
        IdentifyProtos.Identify pb = message("frag/1.0");
        byte[] wire = framed(pb.toByteArray());
        for (byte b : wire) {
            stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            assertThat(received).isEmpty();
            assertThat(stream.isOpen()).isTrue();
        }
        endOfInput();
        assertThat(received).containsExactly(pb);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void messagesSplitOverSeveralFramesAreMergedLikeProtobufMerge() {
        IdentifyProtos.Identify first = message("first/1.0");
        IdentifyProtos.Identify second = IdentifyProtos.Identify.newBuilder()
                .setAgentVersion("second/1.0").addProtocols(IdentifyProtocol.PUSH_ID).build();
        stream.writeInbound(Unpooled.wrappedBuffer(framed(first.toByteArray()), framed(second.toByteArray())));
        endOfInput();
        assertThat(received).containsExactly(first.toBuilder().mergeFrom(second).build());
        assertThat(received.get(0).getProtocolsList()).containsExactly(IdentifyProtocol.ID, IdentifyProtocol.PUSH_ID);
        assertThat(received.get(0).getAgentVersion()).isEqualTo("second/1.0");
    }

    @Test
    void theMaximumNumberOfMessagesIsAcceptedAndOneMoreClosesTheStreamHandingNothingOn() {
        for (int i = 0; i < IdentifyProtocol.MAX_MESSAGES; i++) {
            stream.writeInbound(Unpooled.wrappedBuffer(framed(message("part/" + i).toByteArray())));
        }
        assertThat(stream.isOpen()).isTrue();
        stream.writeInbound(Unpooled.wrappedBuffer(framed(message("one-too-many").toByteArray())));
        assertThat(stream.isOpen()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void aSenderThatNeverEndsItsSideHasWhatItSentHandedOnAtTheDeadline() {
        IdentifyProtos.Identify pb = message("slow/1.0");
        stream.writeInbound(Unpooled.wrappedBuffer(framed(pb.toByteArray())));
        stream.freezeTime();
        // A second short of the deadline, with room for the real time that passed since the reader was installed.
        stream.advanceTimeBy(IdentifyProtocol.TIMEOUT.toMillis() - 1000, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(received).isEmpty();
        assertThat(stream.isOpen()).isTrue();
        stream.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(received).containsExactly(pb);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aStreamThatSendsNothingIsClosedAtTheDeadline() {
        stream.freezeTime();
        stream.advanceTimeBy(IdentifyProtocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        stream.runScheduledPendingTasks();
        assertThat(stream.isOpen()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void malformedProtobufClosesTheStreamAndHandsNothingOn() {
        // Field 1 (publicKey) announces 100 bytes but the frame holds 3.
        stream.writeInbound(Unpooled.wrappedBuffer(framed(new byte[] {0x0A, 100, 1, 2, 3})));
        assertThat(received).isEmpty();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aWrongWireTypeClosesTheStream() {
        // Field 6 (agentVersion) with wire type 7, which does not exist.
        stream.writeInbound(Unpooled.wrappedBuffer(framed(new byte[] {0x37, 0x01})));
        assertThat(received).isEmpty();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void anOversizeMessageIsRefusedFromItsLengthPrefix() {
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, IdentifyProtocol.MAX_MESSAGE_BYTES + 1);
        stream.writeInbound(prefix);
        assertThat(received).isEmpty();
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aMessageOfExactlyTheMaximumSizeIsAccepted() {
        IdentifyProtos.Identify small = message("");
        // Pad the agent so that the whole message is MAX_MESSAGE_BYTES (the agent's own length varint takes 2 bytes).
        int agentLength = IdentifyProtocol.MAX_MESSAGE_BYTES - small.getSerializedSize() - 1;
        IdentifyProtos.Identify pb = message("a".repeat(agentLength));
        assertThat(pb.getSerializedSize()).isEqualTo(IdentifyProtocol.MAX_MESSAGE_BYTES);
        stream.writeInbound(Unpooled.wrappedBuffer(framed(pb.toByteArray())));
        endOfInput();
        assertThat(received).containsExactly(pb);
    }

    @Test
    void aMalformedSecondMessageRefusesTheWholeIdentify() {
        stream.writeInbound(Unpooled.wrappedBuffer(framed(message("first/1.0").toByteArray()),
                framed(new byte[] {0x0A, 100, 1, 2, 3})));
        assertThat(stream.isOpen()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void anEmptyStreamThatEndsHandsNothingOn() {
        stream.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}));
        stream.close();
        assertThat(received).isEmpty();
    }
}
