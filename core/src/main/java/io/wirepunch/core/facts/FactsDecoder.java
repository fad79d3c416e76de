package io.wirepunch.core.facts;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the frames of a facts stream into {@link FactsMessage}s, at most
 * {@link FactsProtocol#MAX_MESSAGES_PER_STREAM} of them. Installed behind a
 * {@link LengthPrefixedFrameDecoder} limited to {@link FactsProtocol#MAX_MESSAGE_BYTES} (see
 * {@link #install}), which refuses a longer frame from its prefix alone.
 *
 * <p>On bad input (a bad or oversize length prefix, a message {@link FactsMessage#decode} refuses,
 * one message too many) the stream is reset, nothing more is handed on, and the handlers behind see
 * one {@link FactWireException} saying what was wrong.
 */
public final class FactsDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(FactsDecoder.class);

    private boolean failed;
    private int messages;

    /** Adds the frame decoder and this decoder at the end of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthPrefixedFrameDecoder(FactsProtocol.MAX_MESSAGE_BYTES), new FactsDecoder());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            return;
        }
        if (++messages > FactsProtocol.MAX_MESSAGES_PER_STREAM) {
            throw new FactWireException("more than " + FactsProtocol.MAX_MESSAGES_PER_STREAM + " messages on one facts stream");
        }
        out.add(FactsMessage.decode(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FactWireException wire;
        if (cause instanceof FactWireException e) {
            wire = e;
        } else if (cause instanceof TooLongFrameException e) {
            wire = new FactWireException("facts message refused: " + e.getMessage());
        } else if (cause.getCause() instanceof FactWireException e) {
            wire = e;
        } else {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (failed) {
            return;
        }
        failed = true;
        log.debug("resetting facts stream {}: {}", ctx.channel(), wire.getMessage());
        StreamEnds.reset(ctx.channel());
        ctx.fireExceptionCaught(wire);
    }
}
