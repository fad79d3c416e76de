package io.wirepunch.core.protocol.dcutr;

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
 * Turns the frames of a DCUtR stream into {@link HolePunchMessage}s, one per frame, for as long as
 * the stream lasts: the spec reuses the stream for every retry, so unlike a relay handshake this
 * does not stop after the first message. Installed behind a {@link LengthPrefixedFrameDecoder}
 * limited to {@link DcutrProtocol#MAX_MESSAGE_BYTES} (see {@link #install}), which refuses a longer
 * frame from its prefix alone.
 *
 * <p>On bad input (a bad or oversize length prefix, a message {@link HolePunchMessage#decode}
 * refuses) the stream is reset, nothing more is handed on, and the handlers behind see one
 * {@link DcutrWireException} saying what was wrong.
 */
public final class HolePunchDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(HolePunchDecoder.class);

    private boolean failed;

    /** Adds the frame decoder and this decoder at the end of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthPrefixedFrameDecoder(DcutrProtocol.MAX_MESSAGE_BYTES), new HolePunchDecoder());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            return;
        }
        out.add(HolePunchMessage.decode(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DcutrWireException wire;
        if (cause instanceof DcutrWireException e) {
            wire = e;
        } else if (cause instanceof TooLongFrameException e) {
            wire = new DcutrWireException("hole punch message refused: " + e.getMessage());
        } else {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (failed) {
            return;
        }
        failed = true;
        log.debug("resetting DCUtR stream {}: {}", ctx.channel(), wire.getMessage());
        StreamEnds.reset(ctx.channel());
        ctx.fireExceptionCaught(wire);
    }
}
