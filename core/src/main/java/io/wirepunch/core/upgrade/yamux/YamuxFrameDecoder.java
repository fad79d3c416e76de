package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the connection's byte stream into {@link YamuxFrame}s. DATA payloads are slices of the
 * received buffer, not copies. The header is checked before any payload is awaited, so a length
 * above {@code maxDataLength} is refused without buffering or allocating for it.
 * After the first violation every further byte is discarded: the session is closing.
 */
public final class YamuxFrameDecoder extends ByteToMessageDecoder {
    private final int maxDataLength;
    private boolean failed;

    public YamuxFrameDecoder(int maxDataLength) {
        if (maxDataLength <= 0) {
            throw new IllegalArgumentException("maxDataLength must be positive: " + maxDataLength);
        }
        this.maxDataLength = maxDataLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < YamuxFrame.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int version = in.getUnsignedByte(start);
        if (version != YamuxFrame.VERSION) {
            throw fail(in, "unsupported Yamux version " + version);
        }
        int typeCode = in.getUnsignedByte(start + 1);
        YamuxFrameType type = YamuxFrameType.fromCode(typeCode);
        if (type == null) {
            throw fail(in, "unknown Yamux frame type " + typeCode);
        }
        int flags = in.getUnsignedShort(start + 2);
        int streamId = in.getInt(start + 4);
        long length = in.getUnsignedInt(start + 8);
        if (type != YamuxFrameType.DATA) {
            in.skipBytes(YamuxFrame.HEADER_LENGTH);
            out.add(YamuxFrame.control(type, flags, streamId, length));
            return;
        }
        if (length > maxDataLength) {
            throw fail(in, "DATA frame of " + length + " bytes on stream " + Integer.toUnsignedString(streamId)
                    + " exceeds the maximum of " + maxDataLength);
        }
        if (in.readableBytes() < YamuxFrame.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(YamuxFrame.HEADER_LENGTH);
        ByteBuf data = length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice((int) length);
        out.add(YamuxFrame.data(streamId, flags, data));
    }

    private YamuxProtocolException fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new YamuxProtocolException(message);
    }
}
