package io.wirepunch.core.holepunch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.dcutr.DcutrWireException;
import io.wirepunch.core.protocol.dcutr.HolePunchDecoder;
import io.wirepunch.core.protocol.dcutr.HolePunchMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A DCUtR stream read one message at a time: {@link #receive} yields the next message or fails
 * (timeout, end of stream, a message the decoder refused). Messages that arrive before they are
 * asked for wait in a short queue; a peer that floods it is cut off.
 */
final class DcutrStream extends ChannelInboundHandlerAdapter {
    /**
     * Messages held before they are read. The exchange never has more than one message in flight
     * from the other side, so a few is plenty.
     */
    static final int MAX_QUEUED = 4;

    private final Channel channel;
    private final Deque<HolePunchMessage> queued = new ArrayDeque<>();
    private CompletableFuture<HolePunchMessage> waiting;
    private ScheduledFuture<?> deadline;
    private Throwable ended;

    private DcutrStream(Channel channel) {
        this.channel = channel;
    }

    /** Adds the decoders and the reader to a negotiated stream's pipeline. */
    static DcutrStream install(Channel channel) {
        DcutrStream s = new DcutrStream(channel);
        HolePunchDecoder.install(channel.pipeline());
        channel.pipeline().addLast(s);
        return s;
    }

    Channel channel() {
        return channel;
    }

    CompletionStage<Void> send(HolePunchMessage message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.writeAndFlush(message.frame(channel.alloc())).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new DcutrWireException("cannot send " + message.type() + ": "
                        + f.cause().getMessage()));
            }
        });
        return done;
    }

    /** The next message; fails with {@link DcutrTimeoutException} after {@code timeout}. */
    CompletionStage<HolePunchMessage> receive(Duration timeout) {
        CompletableFuture<HolePunchMessage> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!queued.isEmpty()) {
                result.complete(queued.removeFirst());
            } else if (ended != null) {
                result.completeExceptionally(ended);
            } else if (waiting != null) {
                result.completeExceptionally(new IllegalStateException("a receive is already waiting"));
            } else {
                waiting = result;
                deadline = channel.eventLoop().schedule(() -> fail(new DcutrTimeoutException(
                        "no DCUtR message within " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        return result;
    }

    /** Ends our side cleanly. */
    void close() {
        StreamEnds.closeGracefully(channel);
    }

    void reset() {
        StreamEnds.reset(channel);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HolePunchMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (waiting != null) {
            CompletableFuture<HolePunchMessage> w = takeWaiting();
            w.complete(m);
        } else if (queued.size() < MAX_QUEUED) {
            queued.addLast(m);
        } else {
            reset();
            ended(new DcutrWireException("more than " + MAX_QUEUED + " DCUtR messages unanswered"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            ended(new DcutrWireException("the remote closed the DCUtR stream"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ended(new DcutrWireException("the DCUtR stream closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ended(cause instanceof DcutrWireException ? cause : new DcutrWireException(String.valueOf(cause.getMessage())));
        reset();
    }

    private void ended(Throwable cause) {
        if (ended == null) {
            ended = cause;
        }
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (waiting != null) {
            takeWaiting().completeExceptionally(cause);
        }
    }

    private CompletableFuture<HolePunchMessage> takeWaiting() {
        CompletableFuture<HolePunchMessage> w = waiting;
        waiting = null;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        return w;
    }
}
