package io.wirepunch.core.upgrade.multistream;

import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.PROTOCOL_ID;
import static io.wirepunch.core.upgrade.multistream.Wire.ascii;
import static io.wirepunch.core.upgrade.multistream.Wire.concat;
import static io.wirepunch.core.upgrade.multistream.Wire.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultistreamResponderTest {

    private static final String NOISE = "/noise";
    private static final String YAMUX = "/yamux/1.0.0";

    private final RecordingListener listener = new RecordingListener();
    private EmbeddedChannel channel = new EmbeddedChannel(new MultistreamResponder(ProtocolMatcher.of(NOISE, YAMUX), listener));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        listener.release();
    }

    @Test
    void answersALazyInitiatorAndForwardsItsEarlyData() {
        // js-libp2p sends header, protocol and the first application bytes in one packet.
        channel.writeInbound(Unpooled.wrappedBuffer(concat(messages(PROTOCOL_ID, NOISE), ascii("noise-msg-1"))));

        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(PROTOCOL_ID, NOISE));
        assertThat(listener.selected).containsExactly(NOISE);
        assertThat(listener.takeReceived()).isEqualTo(ascii("noise-msg-1"));
        assertThat(channel.pipeline().get(MultistreamResponder.class)).isNull();
    }

    @Test
    void sendsNothingBeforeTheRemoteHeader() {
        assertThat(Wire.drainOutbound(channel).writes()).isZero();
    }

    @Test
    void answersNaToUnknownProtocolsAndAcceptsALaterOne() {
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, "/tls/1.0.0")));
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(PROTOCOL_ID, "na"));
        assertThat(listener.selected).isEmpty();

        channel.writeInbound(Unpooled.wrappedBuffer(messages(YAMUX)));
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(YAMUX));
        assertThat(listener.selected).containsExactly(YAMUX);
    }

    @Test
    void negotiatesFromInputArrivingOneByteAtATime() {
        Wire.feedByteByByte(channel, concat(messages(PROTOCOL_ID, "/tls/1.0.0", NOISE), ascii("tail")));
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(PROTOCOL_ID, "na", NOISE));
        assertThat(listener.selected).containsExactly(NOISE);
        assertThat(listener.takeReceived()).isEqualTo(ascii("tail"));
    }

    @Test
    void listsItsProtocolsForLs() {
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, "ls")));
        byte[] body = concat(messages(NOISE, YAMUX), ascii("\n"));
        byte[] expected = concat(messages(PROTOCOL_ID), Varint.encode(body.length), body);
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(expected);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void acceptsAMatcherPredicate() {
        channel.finishAndReleaseAll();
        RecordingListener fresh = new RecordingListener();
        try {
            channel = new EmbeddedChannel(new MultistreamResponder(p -> p.startsWith("/app/"), fresh));
            channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, "/other", "/app/chat/1")));
            assertThat(fresh.selected).containsExactly("/app/chat/1");
        } finally {
            fresh.release();
        }
    }

    @Test
    void refusesOneProposalMoreThanTheLimit() {
        byte[][] proposals = new byte[MultistreamResponder.MAX_PROPOSALS][];
        for (int i = 0; i < proposals.length; i++) {
            proposals[i] = messages("/unknown/" + i);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(concat(messages(PROTOCOL_ID), concat(proposals))));
        assertThat(listener.failures).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(Unpooled.wrappedBuffer(messages(NOISE)));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.TOO_MANY_PROPOSALS);
        assertThat(listener.selected).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesAProposalBeforeTheHeader() {
        channel.writeInbound(Unpooled.wrappedBuffer(messages(NOISE, PROTOCOL_ID)));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.UNSUPPORTED_HEADER);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesTheChannelWhenNoProtocolIsAgreedInTime() {
        channel.finishAndReleaseAll();
        RecordingListener fresh = new RecordingListener();
        try {
            channel = new EmbeddedChannel();
            channel.freezeTime();
            channel.pipeline().addLast(new MultistreamResponder(ProtocolMatcher.of(NOISE), fresh, Duration.ofMillis(500)));
            channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertThat(fresh.onlyFailureReason()).isEqualTo(Reason.TIMEOUT);
            assertThat(channel.isOpen()).isFalse();
        } finally {
            fresh.release();
        }
    }

    @Test
    void aSelectedChannelIsNotClosedByTheTimeout() {
        channel.finishAndReleaseAll();
        RecordingListener fresh = new RecordingListener();
        try {
            channel = new EmbeddedChannel();
            channel.freezeTime();
            channel.pipeline().addLast(new MultistreamResponder(ProtocolMatcher.of(NOISE), fresh, Duration.ofMillis(500)));
            channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, NOISE)));
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            assertThat(fresh.failures).isEmpty();
            assertThat(channel.isOpen()).isTrue();
        } finally {
            fresh.release();
        }
    }

    @Test
    void ignoresInputAfterAFailure() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(messages("/bogus"), messages(PROTOCOL_ID, NOISE))));
        assertThat(listener.selected).isEmpty();
        assertThat(listener.failures).hasSize(1);
    }

    @Test
    void lsAnswerMatchesTheListEncoder() {
        var list = MultistreamMessages.encodeList(ByteBufAllocator.DEFAULT, List.of(NOISE));
        try {
            assertThat(ByteBufUtil.getBytes(list)).isEqualTo(concat(Varint.encode(9), messages(NOISE), ascii("\n")));
        } finally {
            list.release();
        }
    }
}
