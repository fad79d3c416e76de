package io.wirepunch.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.wirepunch.core.multiformats.Varint;
import java.util.List;

/**
 * Splits a stream into unsigned-varint length-prefixed frames, as libp2p protocols send their
 * protobufs. A length above the maximum is refused as soon as the prefix shows it, before any byte
 * of the body is buffered.
 */
public final class LengthPrefixedFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    public LengthPrefixedFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int length;
            try {
                length = Varint.readLength(in, maxFrameBytes);
            } catch (Varint.MalformedVarintException e) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("bad length prefix: " + e.getMessage());
            }
            if (length == Varint.NEED_MORE) {
                return;
            }
            if (in.readableBytes() < length) {
                in.readerIndex(start);
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }

    /** Writes one frame: the varint length, then the bytes. */
    public static ByteBuf frame(io.netty.buffer.ByteBufAllocator alloc, byte[] body) {
        ByteBuf out = alloc.buffer(Varint.encodedLength(body.length) + body.length);
        Varint.write(out, body.length);
        out.writeBytes(body);
        return out;
    }
}
