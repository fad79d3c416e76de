package io.wirepunch.core.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiving end of a facts stream: hands messages on, closes after the sender's FIN, resets when idle or failed. */
class FactsInboundTest {
    private final List<FactsMessage> received = new ArrayList<>();

    private EmbeddedChannel stream() {
        EmbeddedChannel ch = new EmbeddedChannel();
        FactsDecoder.install(ch.pipeline());
        ch.pipeline().addLast(new FactsInbound(received::add));
        return ch;
    }

    @Test
    void messagesAreHandedOnAndTheSendersEndClosesTheStream() {
        EmbeddedChannel ch = stream();
        ch.writeInbound(Unpooled.wrappedBuffer(FactsMessageTest.framed(new byte[0])));
        assertThat(received).containsExactly(FactsMessage.of(List.of()));
        assertThat(ch.isOpen()).isTrue();
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void anIdleStreamIsReset() {
        EmbeddedChannel ch = stream();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void badInputResetsTheStreamAndHandsNothingOn() {
        EmbeddedChannel ch = stream();
        ch.writeInbound(Unpooled.wrappedBuffer(FactsMessageTest.framed(new byte[] {(byte) 0xFF})));
        assertThat(received).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void theIdleTimeoutIsShortAndNamed() {
        assertThat(FactsProtocol.STREAM_IDLE_TIMEOUT).isPositive()
                .isLessThan(FactsConfig.DEFAULT_PUSH_INTERVAL);
    }
}
