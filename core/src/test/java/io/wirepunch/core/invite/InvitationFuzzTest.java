package io.wirepunch.core.invite;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Varint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Invitation strings come from anyone's clipboard, and invitation streams from any peer. Whatever
 * is parsed must be refused with an {@link InvitationException} or round-trip unchanged (plain and
 * grouped) without showing its secret; whatever reaches the inviter's stream must end in at most
 * one answer after the challenge, never an exception past the pipeline or a leaked buffer. Without
 * JAZZER_FUZZ set this replays the committed inputs under InvitationFuzzTestInputs/.
 */
class InvitationFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static final PeerId JOINER = PeerId.fromBase58("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

    @FuzzTest(maxDuration = "60s")
    void parseInvitation(byte[] data) {
        Invitation parsed;
        try {
            parsed = Invitation.parse(new String(data, StandardCharsets.UTF_8), CLOCK);
        } catch (InvitationException refused) {
            if (refused.getMessage() == null || refused.getMessage().isEmpty() || refused.getMessage().contains("\n")) {
                throw new AssertionError("a refusal must be one sentence: " + refused.getMessage());
            }
            return;
        }
        String encoded = parsed.encode();
        if (!Invitation.parse(encoded, CLOCK).equals(parsed) || !Invitation.parse(parsed.encodeGrouped(), CLOCK).equals(parsed)) {
            throw new AssertionError("invitation changed on re-encoding: " + parsed);
        }
        if (!Invitation.parse(encoded, CLOCK).encode().equals(encoded)) {
            throw new AssertionError("encoding is not canonical: " + parsed);
        }
        if (parsed.toString().contains(HexFormat.of().formatHex(parsed.secret()))) {
            throw new AssertionError("toString shows the secret");
        }
    }

    /** Payload bytes behind a valid version and checksum, so the fuzzer reaches the payload decoder. */
    @FuzzTest(maxDuration = "60s")
    void parsePayload(byte[] data) {
        if (data.length > Invitation.MAX_PAYLOAD_BYTES + 1) {
            return;
        }
        parseInvitation(InvitationTest.withPayload(data).getBytes(StandardCharsets.US_ASCII));
    }

    @FuzzTest(maxDuration = "60s")
    void inviterStream(byte[] data) throws Exception {
        InviteStore store = InviteStore.inMemory(CLOCK);
        store.add(InvitationTest.SECRET, Duration.ofHours(1), InvitationTest.NETWORK);
        List<InviteEvent> events = new ArrayList<>();
        EmbeddedChannel stream = new EmbeddedChannel();
        InviterHandler.install(stream, store, InvitationTest.INVITER, JOINER, Duration.ofSeconds(10), events::add);
        // Split the input in two reads so that fragmentation is part of what is fuzzed.
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        stream.writeInbound(Unpooled.copiedBuffer(data, 0, cut));
        if (stream.isOpen()) {
            stream.writeInbound(Unpooled.copiedBuffer(data, cut, data.length - cut));
        }
        stream.runPendingTasks();
        List<InviteMessage> sent = new ArrayList<>();
        for (Object out; (out = stream.readOutbound()) != null; ) {
            ByteBuf frame = (ByteBuf) out;
            try {
                Varint.readLength(frame, InviteProtocol.MAX_MESSAGE_BYTES);
                sent.add(InviteWireCodec.decode(frame));
            } finally {
                frame.release();
            }
        }
        stream.finishAndReleaseAll();
        stream.checkException();
        if (sent.isEmpty() || !(sent.get(0) instanceof InviteMessage.Challenge)) {
            throw new AssertionError("the inviter did not start with a challenge: " + sent);
        }
        if (sent.size() > 2 || sent.stream().skip(1).anyMatch(m -> m instanceof InviteMessage.Accepted)) {
            throw new AssertionError("unexpected answers: " + sent);
        }
        if (events.size() > 1 || store.list().get(0).used()) {
            throw new AssertionError("fuzzed bytes changed the store or made " + events.size() + " events");
        }
    }
}
