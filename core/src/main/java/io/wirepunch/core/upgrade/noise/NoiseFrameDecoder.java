package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into libp2p Noise messages: a 2-byte big-endian length, then that many
 * bytes. The length field caps a message at 65535 bytes, so the cumulation stays bounded no
 * matter what the peer announces. Used unchanged for handshake and transport messages, so bytes
 * that follow the last handshake message are already framed when the cipher takes over.
 */
final class NoiseFrameDecoder extends ByteToMessageDecoder {
    static final int LENGTH_FIELD_BYTES = 2;
    static final int MAX_MESSAGE_LENGTH = 65535;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < LENGTH_FIELD_BYTES) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (in.readableBytes() < LENGTH_FIELD_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_FIELD_BYTES);
        out.add(in.readRetainedSlice(length));
    }

    /** A length-prefixed frame holding {@code message}, for handshake messages. */
    static ByteBuf frame(ByteBufAllocator alloc, byte[] message) {
        if (message.length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("Noise message of " + message.length + " bytes exceeds 65535");
        }
        ByteBuf frame = alloc.buffer(LENGTH_FIELD_BYTES + message.length);
        frame.writeShort(message.length);
        frame.writeBytes(message);
        return frame;
    }
}
