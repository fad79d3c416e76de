package io.wirepunch.core.upgrade.multistream;

import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.PROTOCOL_ID;
import static io.wirepunch.core.upgrade.multistream.Wire.ascii;
import static io.wirepunch.core.upgrade.multistream.Wire.concat;
import static io.wirepunch.core.upgrade.multistream.Wire.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultistreamInitiatorTest {

    private static final String NOISE = "/noise";
    private static final String TLS = "/tls/1.0.0";

    private final RecordingListener listener = new RecordingListener();
    private EmbeddedChannel channel;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        listener.release();
    }

    private void start(String... protocols) {
        channel = new EmbeddedChannel(new MultistreamInitiator(List.of(protocols), listener));
    }

    @Test
    void sendsTheHeaderAndTheFirstProposalInOneWrite() {
        start(NOISE, TLS);
        Wire.Outbound out = Wire.drainOutbound(channel);
        assertThat(out.writes()).isEqualTo(1);
        assertThat(out.bytes()).isEqualTo(messages(PROTOCOL_ID, NOISE));
    }

    @Test
    void selectsTheEchoedProtocolThenLeavesAndForwardsWhatFollowed() {
        start(NOISE);
        Wire.drainOutbound(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(messages(PROTOCOL_ID, NOISE), ascii("handshake"))));

        assertThat(listener.selected).containsExactly(NOISE);
        assertThat(listener.handlerPresentDuringSelect).isTrue();
        assertThat(channel.pipeline().get(MultistreamInitiator.class)).isNull();
        assertThat(listener.takeReceived()).isEqualTo(ascii("handshake"));
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(Unpooled.wrappedBuffer(ascii("more")));
        assertThat(listener.takeReceived()).isEqualTo(ascii("more"));
    }

    @Test
    void proposesTheNextProtocolWhenRefused() {
        start(TLS, NOISE);
        Wire.drainOutbound(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, "na")));
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(NOISE));
        assertThat(listener.selected).isEmpty();

        channel.writeInbound(Unpooled.wrappedBuffer(messages(NOISE)));
        assertThat(listener.selected).containsExactly(NOISE);
    }

    @Test
    void failsAndClosesWhenEveryProtocolIsRefused() {
        start(TLS, NOISE);
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, "na", "na")));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.ALL_PROTOCOLS_REFUSED);
        assertThat(listener.failures.get(0)).hasMessageContaining(TLS).hasMessageContaining(NOISE);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void negotiatesFromInputArrivingOneByteAtATime() {
        start(TLS, NOISE);
        Wire.feedByteByByte(channel, concat(messages(PROTOCOL_ID, "na", NOISE), ascii("x")));
        assertThat(listener.selected).containsExactly(NOISE);
        assertThat(listener.takeReceived()).isEqualTo(ascii("x"));
    }

    @Test
    void refusesAnotherMultistreamVersion() {
        start(NOISE);
        channel.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/2.0.0", NOISE)));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.UNSUPPORTED_HEADER);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesAnAnswerThatIsNeitherTheEchoNorNa() {
        start(NOISE);
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, TLS)));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.UNEXPECTED_RESPONSE);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesTheChannelWhenNoProtocolIsAgreedInTime() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new MultistreamInitiator(List.of(NOISE), listener, Duration.ofSeconds(3)));
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID)));

        channel.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.TIMEOUT);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theDefaultTimeoutIsTenSeconds() {
        assertThat(MultistreamHandler.NEGOTIATION_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void reportsAChannelClosedDuringNegotiation() {
        start(NOISE);
        channel.close();
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.CHANNEL_CLOSED);
    }

    @Test
    void anErrorOnTheChannelFailsTheNegotiation() {
        start(NOISE);
        channel.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.CHANNEL_ERROR);
        assertThat(listener.failures.get(0)).hasMessageContaining("connection reset");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aFailingInstallerFailsTheNegotiation() {
        channel = new EmbeddedChannel(new MultistreamInitiator(List.of(NOISE), new MultistreamListener() {
            @Override
            public void selected(ChannelHandlerContext ctx, String protocol) {
                throw new IllegalStateException("no handler for " + protocol);
            }

            @Override
            public void failed(Throwable cause) {
                listener.failed(cause);
            }
        }));
        channel.writeInbound(Unpooled.wrappedBuffer(messages(PROTOCOL_ID, NOISE)));
        assertThat(listener.onlyFailureReason()).isEqualTo(Reason.INSTALL_FAILED);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void startsWhenAddedToAnAlreadyActiveChannel() {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(new MultistreamInitiator(List.of(NOISE), listener));
        assertThat(Wire.drainOutbound(channel).bytes()).isEqualTo(messages(PROTOCOL_ID, NOISE));
    }
}
