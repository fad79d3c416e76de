package io.wirepunch.core.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.testutil.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Both ends of the proof on embedded channels: byte by byte, and with answers that break the protocol. */
class InviteHandlersTest {
    private static final PeerId JOINER = Keys.generateEd25519().publicKey().peerId();
    private final FakeClock clock = new FakeClock();

    private static byte[] bytes(InviteMessage m) {
        ByteBuf b = InviteWireCodec.frame(ByteBufAllocator.DEFAULT, m);
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static List<InviteMessage> drain(EmbeddedChannel channel) {
        List<InviteMessage> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            ByteBuf frame = (ByteBuf) o;
            try {
                Varint.readLength(frame, InviteProtocol.MAX_MESSAGE_BYTES);
                out.add(InviteWireCodec.decode(frame));
            } finally {
                frame.release();
            }
        }
        return out;
    }

    /** Plays the two handlers against each other, feeding each the other's bytes one at a time. */
    @Test
    void aJoinCompletesWithEveryByteArrivingAlone() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        store.add(InvitationTest.SECRET, Duration.ofHours(1), InvitationTest.NETWORK);
        Invitation invitation = Invitation.of(InvitationTest.INVITER, InvitationTest.SECRET, clock.instant().plusSeconds(3600),
                InvitationTest.NETWORK, List.of());
        List<InviteEvent> events = new ArrayList<>();
        EmbeddedChannel inviter = new EmbeddedChannel();
        InviterHandler.install(inviter, store, InvitationTest.INVITER, JOINER, Duration.ofSeconds(10), events::add);
        CompletableFuture<JoinResult> result = new CompletableFuture<>();
        EmbeddedChannel joiner = new EmbeddedChannel();
        JoinerHandler.install(joiner, invitation, JOINER, result);
        for (int round = 0; round < 4 && !result.isDone(); round++) {
            pump(inviter, joiner);
            pump(joiner, inviter);
        }
        assertThat(result).isCompletedWithValue(new JoinResult.Joined(InvitationTest.INVITER, InvitationTest.NETWORK));
        assertThat(events).containsExactly(new InviteEvent.MemberJoined(JOINER, InvitationTest.NETWORK));
        inviter.finishAndReleaseAll();
        joiner.finishAndReleaseAll();
    }

    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object o; (o = from.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            while (buf.isReadable()) {
                to.writeInbound(buf.readRetainedSlice(1));
            }
            buf.release();
        }
    }

    @Test
    void theJoinerRefusesAnswersThatBreakTheProtocol() {
        assertThat(joinerAnswer(bytes(new InviteMessage.Proof(new byte[16], new byte[32], new byte[32]))))
                .isEqualTo(new JoinResult.Failed(JoinFailure.PROTOCOL_ERROR, "the inviter did not start with a challenge"));
        ByteBuf prefix = Unpooled.buffer();
        Varint.write(prefix, InviteProtocol.MAX_MESSAGE_BYTES + 1);
        byte[] oversize = io.netty.buffer.ByteBufUtil.getBytes(prefix);
        prefix.release();
        assertThat(joinerAnswer(oversize))
                .isEqualTo(new JoinResult.Failed(JoinFailure.PROTOCOL_ERROR, "the inviter sent a message that is too large or malformed"));
        ByteBuf garbage = LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, new byte[] {(byte) 0xff, 0x07});
        byte[] garbageBytes = io.netty.buffer.ByteBufUtil.getBytes(garbage);
        garbage.release();
        assertThat(((JoinResult.Failed) joinerAnswer(garbageBytes)).reason()).isEqualTo(JoinFailure.PROTOCOL_ERROR);
        byte[] twoChallenges = concat(bytes(new InviteMessage.Challenge(new byte[32])), bytes(new InviteMessage.Challenge(new byte[32])));
        assertThat(joinerAnswer(twoChallenges))
                .isEqualTo(new JoinResult.Failed(JoinFailure.PROTOCOL_ERROR, "the inviter sent a second challenge"));
        byte[] refused = concat(bytes(new InviteMessage.Challenge(new byte[32])), bytes(new InviteMessage.Refused(JoinFailure.EXPIRED)));
        assertThat(joinerAnswer(refused)).isEqualTo(JoinResult.Failed.of(JoinFailure.EXPIRED));
    }

    private JoinResult joinerAnswer(byte[] fromInviter) {
        Invitation invitation = Invitation.of(InvitationTest.INVITER, InvitationTest.SECRET, clock.instant().plusSeconds(3600),
                InvitationTest.NETWORK, List.of());
        CompletableFuture<JoinResult> result = new CompletableFuture<>();
        EmbeddedChannel joiner = new EmbeddedChannel();
        JoinerHandler.install(joiner, invitation, JOINER, result);
        joiner.writeInbound(Unpooled.wrappedBuffer(fromInviter));
        joiner.runPendingTasks();
        if (!result.isDone()) {
            joiner.pipeline().fireUserEventTriggered(io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE);
        }
        drain(joiner);
        joiner.finishAndReleaseAll();
        return result.join();
    }

    @Test
    void theJoinerReportsAnEndWithoutAnswer() {
        assertThat(joinerAnswer(new byte[0]))
                .isEqualTo(new JoinResult.Failed(JoinFailure.PROTOCOL_ERROR, "the inviter ended the stream without an answer"));
    }

    @Test
    void theInviterAcceptsAMessageOfExactlyTheLimit() {
        InviteStore store = InviteStore.inMemory(clock);
        EmbeddedChannel inviter = new EmbeddedChannel();
        List<InviteEvent> events = new ArrayList<>();
        InviterHandler.install(inviter, store, InvitationTest.INVITER, JOINER, Duration.ofSeconds(10), events::add);
        // a proof padded with an unknown field up to the limit is read (and refused: unknown invitation)
        byte[] proof = InviteWireCodec.encode(new InviteMessage.Proof(new byte[16], new byte[32], new byte[32]));
        byte[] padded = new byte[InviteProtocol.MAX_MESSAGE_BYTES];
        System.arraycopy(proof, 0, padded, 0, proof.length);
        int padLength = padded.length - proof.length - 3;
        padded[proof.length] = (byte) (15 << 3 | 2);
        padded[proof.length + 1] = (byte) (padLength & 0x7f | 0x80);
        padded[proof.length + 2] = (byte) (padLength >>> 7);
        inviter.writeInbound(LengthPrefixedFrameDecoder.frame(ByteBufAllocator.DEFAULT, padded));
        List<InviteMessage> sent = drain(inviter);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(new InviteMessage.Refused(JoinFailure.UNKNOWN_INVITATION));
        inviter.finishAndReleaseAll();
    }

    @Test
    void theCodecRefusesFieldsOfTheWrongLength() {
        byte[] shortNonce = io.wirepunch.core.invite.pb.InviteProtos.Message.newBuilder()
                .setChallenge(io.wirepunch.core.invite.pb.InviteProtos.Challenge.newBuilder()
                        .setNonce(com.google.protobuf.ByteString.copyFrom(new byte[31]))).build().toByteArray();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InviteWireCodec.decode(shortNonce))
                .isInstanceOf(InviteWireException.class).hasMessage("invite message whose nonce is not 32 bytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InviteWireCodec.decode(new byte[0]))
                .hasMessage("invite message of no known type");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InviteWireCodec.decode(new byte[InviteProtocol.MAX_MESSAGE_BYTES + 1]))
                .hasMessage("invite message larger than 512 bytes");
        for (JoinFailure reason : List.of(JoinFailure.UNKNOWN_INVITATION, JoinFailure.WRONG_PROOF, JoinFailure.ALREADY_USED,
                JoinFailure.EXPIRED, JoinFailure.BAD_REQUEST, JoinFailure.INTERNAL_ERROR)) {
            assertThat(InviteWireCodec.decode(InviteWireCodec.encode(new InviteMessage.Refused(reason))))
                    .isEqualTo(new InviteMessage.Refused(reason));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
