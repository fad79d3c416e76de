package io.wirepunch.core.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse;
import io.wirepunch.core.protocol.StreamEnds;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opening side of one forward stream: sends the request, waits for the answer, and on OK
 * joins the stream to the local TCP connection. A refusal, a bad answer, no answer within the
 * timeout, or the stream ending first closes the local connection.
 */
final class ForwardOpener extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ForwardOpener.class);

    private final Channel tcp;
    private final Consumer<Channel> onOk;
    private final Consumer<String> onRefused;
    private ScheduledFuture<?> timeout;
    private boolean done;

    private ForwardOpener(Channel tcp, Consumer<Channel> onOk, Consumer<String> onRefused) {
        this.tcp = tcp;
        this.onOk = onOk;
        this.onRefused = onRefused;
    }

    /**
     * Sends the request for {@code port} on a freshly negotiated stream. {@code onOk} gets the
     * stream once the server answered OK (on its event loop, the opener already gone); on any
     * failure the stream and {@code tcp} are closed and {@code onRefused} learns why.
     */
    static void install(Channel stream, Channel tcp, int port, Duration timeout,
                        Consumer<Channel> onOk, Consumer<String> onRefused) {
        ForwardOpener o = new ForwardOpener(tcp, onOk, onRefused);
        ForwardWire.installResponseDecoder(stream.pipeline());
        stream.pipeline().addLast("forward-opener", o);
        o.timeout = stream.eventLoop().schedule(() -> o.fail(stream, "no answer within " + timeout),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        // Later on the loop: a decoder that refuses the answer resets the stream before it reports why.
        stream.closeFuture().addListener(f -> stream.eventLoop().execute(() ->
                o.fail(stream, "the stream closed before the answer")));
        tcp.closeFuture().addListener(f -> stream.eventLoop().execute(() -> o.fail(stream, "the local connection closed")));
        stream.config().setAutoRead(true);
        stream.writeAndFlush(ForwardWire.request(stream.alloc(), port));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ForwardResponse response)) {
            ReferenceCountUtil.release(msg);
            fail(ctx.channel(), "bytes before the answer");
            return;
        }
        if (response.getStatus() != ForwardResponse.Status.OK) {
            fail(ctx.channel(), response.getStatus() + (response.getText().isEmpty() ? "" : ": " + response.getText()));
            return;
        }
        done = true;
        timeout.cancel(false);
        Channel stream = ctx.channel();
        ctx.pipeline().remove(this);
        onOk.accept(stream);
        // After the splice is in place: bytes that came with the answer go on to it.
        ForwardWire.removeDecoder(stream.pipeline());
    }

    private void fail(Channel stream, String why) {
        if (done) {
            return;
        }
        done = true;
        timeout.cancel(false);
        log.debug("forward on {} failed: {}", stream, why);
        StreamEnds.reset(stream);
        tcp.close();
        onRefused.accept(why);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(ctx.channel(), "the stream ended before the answer");
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx.channel(), cause.getMessage());
    }
}
