package io.wirepunch.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the frames a {@link LengthPrefixedFrameDecoder} cuts into one protocol's messages, and
 * meets bad input the one way: a frame the prefix refuses, or a message the protocol refuses (its
 * wire exception {@code E}), resets the stream, nothing more is handed on, and the handlers behind
 * see one {@code E} saying what was wrong. Other exceptions pass on untouched.
 *
 * @param <E> the protocol's wire exception
 */
public abstract class RefusingFrameDecoder<E extends RuntimeException> extends MessageToMessageDecoder<ByteBuf> {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Class<E> refusalType;
    private final String messageName;
    private boolean failed;

    /**
     * @param refusalType the protocol's wire exception
     * @param messageName how a refusal names a message, e.g. "hole punch message"
     */
    protected RefusingFrameDecoder(Class<E> refusalType, String messageName) {
        this.refusalType = refusalType;
        this.messageName = messageName;
    }

    /** Decodes one frame without consuming or releasing it; throws {@code E} to refuse it. */
    protected abstract Object decodeFrame(ByteBuf frame);

    /** The protocol's wire exception with {@code message}. */
    protected abstract E refusal(String message);

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            return;
        }
        out.add(decodeFrame(frame));
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        E wire;
        if (refusalType.isInstance(cause)) {
            wire = refusalType.cast(cause);
        } else if (cause instanceof TooLongFrameException e) {
            wire = refusal(messageName + " refused: " + e.getMessage());
        } else if (refusalType.isInstance(cause.getCause())) {
            // MessageToMessageDecoder wraps what decode throws in a DecoderException unless it is one.
            wire = refusalType.cast(cause.getCause());
        } else {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (failed) {
            return;
        }
        failed = true;
        log.debug("resetting stream {}: {}", ctx.channel(), wire.getMessage());
        StreamEnds.reset(ctx.channel());
        ctx.fireExceptionCaught(wire);
    }
}
