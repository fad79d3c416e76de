package io.wirepunch.core.forward;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelPipeline;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardRequest;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.RefusingFrameDecoder;

/**
 * The two forward messages on the wire: encoding, and decoders that take exactly one message off
 * the stream. Whatever follows the message stays in the frame decoder until {@link #removeDecoder}
 * takes it out, which hands those bytes on to the handlers behind as they are.
 */
final class ForwardWire {
    static final String FRAMES = "forward-frames";
    static final String MESSAGE = "forward-message";

    private ForwardWire() {}

    static ByteBuf request(ByteBufAllocator alloc, int port) {
        return LengthPrefixedFrameDecoder.frame(alloc, ForwardRequest.newBuilder().setPort(port).build().toByteArray());
    }

    static ByteBuf response(ByteBufAllocator alloc, ForwardResponse.Status status, String text) {
        return LengthPrefixedFrameDecoder.frame(alloc,
                ForwardResponse.newBuilder().setStatus(status).setText(text).build().toByteArray());
    }

    /** Adds a decoder for the one request at the end of {@code pipeline}. */
    static void installRequestDecoder(ChannelPipeline pipeline) {
        install(pipeline, ForwardProtocol.MAX_REQUEST_BYTES, new RequestDecoder());
    }

    /** Adds a decoder for the one response at the end of {@code pipeline}. */
    static void installResponseDecoder(ChannelPipeline pipeline) {
        install(pipeline, ForwardProtocol.MAX_RESPONSE_BYTES, new ResponseDecoder());
    }

    private static void install(ChannelPipeline pipeline, int maxBytes, RefusingFrameDecoder<?> decoder) {
        LengthPrefixedFrameDecoder frames = new LengthPrefixedFrameDecoder(maxBytes);
        frames.setSingleDecode(true);
        pipeline.addLast(FRAMES, frames).addLast(MESSAGE, decoder);
    }

    /**
     * Removes the decoders; bytes that came after the message go on to the handlers behind. Call on
     * the event loop, from the handler that took the message.
     */
    static void removeDecoder(ChannelPipeline pipeline) {
        if (pipeline.get(MESSAGE) != null) {
            pipeline.remove(MESSAGE);
        }
        if (pipeline.get(FRAMES) != null) {
            pipeline.remove(FRAMES);
        }
    }

    private static final class RequestDecoder extends RefusingFrameDecoder<ForwardWireException> {
        RequestDecoder() {
            super(ForwardWireException.class, "forward request");
        }

        @Override
        protected Object decodeFrame(ByteBuf frame) {
            try {
                return ForwardRequest.parseFrom(ByteBufUtil.getBytes(frame));
            } catch (InvalidProtocolBufferException e) {
                throw new ForwardWireException("forward request refused: " + e.getMessage());
            }
        }

        @Override
        protected ForwardWireException refusal(String message) {
            return new ForwardWireException(message);
        }
    }

    private static final class ResponseDecoder extends RefusingFrameDecoder<ForwardWireException> {
        ResponseDecoder() {
            super(ForwardWireException.class, "forward response");
        }

        @Override
        protected Object decodeFrame(ByteBuf frame) {
            ForwardResponse response;
            try {
                response = ForwardResponse.parseFrom(ByteBufUtil.getBytes(frame));
            } catch (InvalidProtocolBufferException e) {
                throw new ForwardWireException("forward response refused: " + e.getMessage());
            }
            if (response.getStatus() == ForwardResponse.Status.STATUS_UNSPECIFIED
                    || response.getStatus() == ForwardResponse.Status.UNRECOGNIZED) {
                throw new ForwardWireException("forward response refused: no known status");
            }
            return response;
        }

        @Override
        protected ForwardWireException refusal(String message) {
            return new ForwardWireException(message);
        }
    }
}
