package io.wirepunch.core.upgrade.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our initiator against our responder, bytes shuttled between two embedded channels. */
class MultistreamNegotiationTest {

    private final EmbeddedChannel dialer = new EmbeddedChannel();
    private final EmbeddedChannel listener = new EmbeddedChannel();
    private final StringBuilder dialerReceived = new StringBuilder();
    private final StringBuilder listenerReceived = new StringBuilder();

    @AfterEach
    void tearDown() {
        dialer.finishAndReleaseAll();
        listener.finishAndReleaseAll();
    }

    private static MultistreamSelection.Installer collectInto(StringBuilder sink) {
        return (ctx, protocol) -> ctx.pipeline().addAfter(ctx.name(), "app", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext appCtx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                sink.append(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            }
        });
    }

    /** Moves bytes both ways until neither side has anything left to send. */
    private void shuttle() {
        boolean moved = true;
        while (moved) {
            moved = move(dialer, listener) | move(listener, dialer);
        }
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        ByteBuf buf;
        while ((buf = from.readOutbound()) != null) {
            moved = true;
            if (to.isOpen()) {
                to.writeInbound(buf);
            } else {
                buf.release();
            }
        }
        return moved;
    }

    @Test
    void bothSidesAgreeOnTheFirstProtocolTheListenerSupports() {
        CompletionStage<String> listened = MultistreamSelection.respond(listener.pipeline(),
                ProtocolMatcher.of("/yamux/1.0.0", "/mplex/6.7.0"), collectInto(listenerReceived));
        CompletionStage<String> dialed = MultistreamSelection.initiate(dialer.pipeline(),
                List.of("/quic-muxer/1", "/mplex/6.7.0", "/yamux/1.0.0"), collectInto(dialerReceived));
        shuttle();

        assertThat(dialed.toCompletableFuture()).isCompletedWithValue("/mplex/6.7.0");
        assertThat(listened.toCompletableFuture()).isCompletedWithValue("/mplex/6.7.0");
        assertThat(dialer.pipeline().get(MultistreamSelection.HANDLER_NAME)).isNull();
        assertThat(listener.pipeline().get(MultistreamSelection.HANDLER_NAME)).isNull();

        dialer.writeOutbound(Unpooled.copiedBuffer("ping", StandardCharsets.UTF_8));
        listener.writeOutbound(Unpooled.copiedBuffer("pong", StandardCharsets.UTF_8));
        shuttle();
        assertThat(listenerReceived).hasToString("ping");
        assertThat(dialerReceived).hasToString("pong");
    }

    @Test
    void bothSidesFailWhenTheyShareNoProtocol() {
        CompletableFuture<String> listened = MultistreamSelection.respond(listener.pipeline(),
                ProtocolMatcher.of("/yamux/1.0.0"), collectInto(listenerReceived)).toCompletableFuture();
        CompletableFuture<String> dialed = MultistreamSelection.initiate(dialer.pipeline(),
                List.of("/mplex/6.7.0"), collectInto(dialerReceived)).toCompletableFuture();
        shuttle();
        // The dialer gave up and closed its end; over TCP the listener would now see the close.
        assertThat(dialer.isOpen()).isFalse();
        listener.close();

        assertThat(dialed).isCompletedExceptionally();
        assertThat(dialed.handle((v, e) -> ((MultistreamException) e).reason()).join())
                .isEqualTo(Reason.ALL_PROTOCOLS_REFUSED);
        assertThat(listened.handle((v, e) -> ((MultistreamException) e).reason()).join())
                .isEqualTo(Reason.CHANNEL_CLOSED);
    }
}
