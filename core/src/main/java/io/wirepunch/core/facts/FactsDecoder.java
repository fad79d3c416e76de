package io.wirepunch.core.facts;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.RefusingFrameDecoder;

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
public final class FactsDecoder extends RefusingFrameDecoder<FactWireException> {
    private int messages;

    public FactsDecoder() {
        super(FactWireException.class, "facts message");
    }

    /** Adds the frame decoder and this decoder at the end of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthPrefixedFrameDecoder(FactsProtocol.MAX_MESSAGE_BYTES), new FactsDecoder());
    }

    @Override
    protected Object decodeFrame(ByteBuf frame) {
        if (++messages > FactsProtocol.MAX_MESSAGES_PER_STREAM) {
            throw new FactWireException("more than " + FactsProtocol.MAX_MESSAGES_PER_STREAM + " messages on one facts stream");
        }
        return FactsMessage.decode(frame);
    }

    @Override
    protected FactWireException refusal(String message) {
        return new FactWireException(message);
    }
}
