package io.wirepunch.core.protocol.dcutr;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.RefusingFrameDecoder;

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
public final class HolePunchDecoder extends RefusingFrameDecoder<DcutrWireException> {
    public HolePunchDecoder() {
        super(DcutrWireException.class, "hole punch message");
    }

    /** Adds the frame decoder and this decoder at the end of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthPrefixedFrameDecoder(DcutrProtocol.MAX_MESSAGE_BYTES), new HolePunchDecoder());
    }

    @Override
    protected Object decodeFrame(ByteBuf frame) {
        return HolePunchMessage.decode(frame);
    }

    @Override
    protected DcutrWireException refusal(String message) {
        return new DcutrWireException(message);
    }
}
