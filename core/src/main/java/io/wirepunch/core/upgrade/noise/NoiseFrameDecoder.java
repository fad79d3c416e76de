package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into libp2p Noise messages: a 2-byte big-endian length, then that many
 * bytes. The length field caps a message at 65535 bytes, so memory stays bounded no matter what
 * the peer announces. Used unchanged for handshake and transport messages, so bytes that follow
 * the last handshake message are already framed when the cipher takes over.
 *
 * <p>Every read is consumed whole, so the cumulation never carries bytes into the next read and
 * Netty never merges reads: a message that ends within the read is passed on as a slice of it, and
 * one that runs past the read's end is copied into a heap buffer of the message's size, which later
 * reads complete. Each byte is then copied at most once before decryption (a slice of a direct read
 * is staged by the cipher, a heap message is decrypted from its own array), not once into the
 * cumulation and again into the cipher's staging.
 */
final class NoiseFrameDecoder extends ByteToMessageDecoder {
    static final int LENGTH_FIELD_BYTES = 2;
    static final int MAX_MESSAGE_LENGTH = 65535;

    /** The first byte of a length field that the previous read ended after, or -1. */
    private int lengthHighByte = -1;
    /** A message the previous reads began, awaiting its remaining bytes; null if none. */
    private ByteBuf partial;
    private int partialLength;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (partial != null) {
            int take = Math.min(partialLength - partial.readableBytes(), in.readableBytes());
            partial.writeBytes(in, take);
            if (partial.readableBytes() < partialLength) {
                return;
            }
            out.add(partial);
            partial = null;
            return;
        }
        int length;
        if (lengthHighByte >= 0) {
            if (!in.isReadable()) {
                return;
            }
            length = (lengthHighByte << 8) | in.readUnsignedByte();
            lengthHighByte = -1;
        } else if (in.readableBytes() >= LENGTH_FIELD_BYTES) {
            length = in.readUnsignedShort();
        } else {
            if (in.isReadable()) {
                lengthHighByte = in.readUnsignedByte();
            }
            return;
        }
        if (in.readableBytes() >= length) {
            out.add(in.readRetainedSlice(length));
            return;
        }
        partial = ctx.alloc().heapBuffer(length, length);
        partialLength = length;
        partial.writeBytes(in);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (partial != null) {
            partial.release();
            partial = null;
        }
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
