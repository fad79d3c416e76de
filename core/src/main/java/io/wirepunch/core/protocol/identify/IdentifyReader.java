package io.wirepunch.core.protocol.identify;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a peer's identify from a stream: every message until the sender ends its side, merged
 * into one (a sender may split a large identify over several), then hands it on and closes the
 * stream. At most {@link IdentifyProtocol#MAX_MESSAGES} messages and {@link IdentifyProtocol#TIMEOUT}
 * from start to end; a peer that never ends its side has what it sent by then handed on.
 */
final class IdentifyReader extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(IdentifyReader.class);

    private final PeerId sender;
    private final Consumer<IdentifyProtos.Identify> onMessage;
    private final IdentifyProtos.Identify.Builder merged = IdentifyProtos.Identify.newBuilder();
    private int messages;
    /** Set once the identify was handed on or refused: whatever arrives later is dropped. */
    private boolean done;
    private ScheduledFuture<?> deadline;

    private IdentifyReader(PeerId sender, Consumer<IdentifyProtos.Identify> onMessage) {
        this.sender = sender;
        this.onMessage = onMessage;
    }

    static void install(Channel stream, PeerId sender, Consumer<IdentifyProtos.Identify> onMessage) {
        stream.pipeline().addLast(
                new LengthPrefixedFrameDecoder(IdentifyProtocol.MAX_MESSAGE_BYTES),
                new IdentifyReader(sender, onMessage));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> finish(ctx), IdentifyProtocol.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (done) {
            return;
        }
        if (++messages > IdentifyProtocol.MAX_MESSAGES) {
            throw new IdentifyException(sender + " sent more than " + IdentifyProtocol.MAX_MESSAGES
                    + " identify messages on one stream");
        }
        IdentifyProtos.Identify part;
        try {
            part = IdentifyProtos.Identify.parseFrom(new ByteBufInputStream(frame));
        } catch (InvalidProtocolBufferException e) {
            throw new IdentifyException("malformed identify message from " + sender + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IdentifyException("unreadable identify message from " + sender + ": " + e.getMessage());
        }
        // A forged key refuses the whole identify at once, without waiting for the end of the stream.
        IdentifyInfo.senderKey(part, sender);
        merged.mergeFrom(part);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            finish(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        finish(ctx);
        super.channelInactive(ctx);
    }

    /** Hands on what arrived, if anything did, and closes the stream. */
    private void finish(ChannelHandlerContext ctx) {
        if (done) {
            return;
        }
        done = true;
        deadline.cancel(false);
        ctx.close();
        if (messages > 0) {
            onMessage.accept(merged.build());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("identify stream from {} failed: {}", sender, cause.toString());
        done = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.close();
    }
}
