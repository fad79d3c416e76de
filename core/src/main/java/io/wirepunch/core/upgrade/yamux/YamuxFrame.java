package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/**
 * One Yamux frame: the 12-byte header fields plus, for DATA frames, the payload.
 * For non-DATA frames {@link #length()} carries the window delta, ping opaque value or GoAway code
 * and the content is empty.
 */
public final class YamuxFrame extends DefaultByteBufHolder {
    public static final int VERSION = 0;
    public static final int HEADER_LENGTH = 12;

    public static final int FLAG_SYN = 0x1;
    public static final int FLAG_ACK = 0x2;
    public static final int FLAG_FIN = 0x4;
    public static final int FLAG_RST = 0x8;

    public static final int GO_AWAY_NORMAL = 0;
    public static final int GO_AWAY_PROTOCOL_ERROR = 1;
    public static final int GO_AWAY_INTERNAL_ERROR = 2;

    /** Stream id 0 addresses the session itself (ping, GoAway). */
    public static final int SESSION_STREAM_ID = 0;

    private final YamuxFrameType type;
    private final int flags;
    private final int streamId;
    private final long length;

    private YamuxFrame(YamuxFrameType type, int flags, int streamId, long length, ByteBuf data) {
        super(data);
        this.type = type;
        this.flags = flags;
        this.streamId = streamId;
        this.length = length;
    }

    /** A DATA frame; takes ownership of {@code data}. */
    public static YamuxFrame data(int streamId, int flags, ByteBuf data) {
        return new YamuxFrame(YamuxFrameType.DATA, flags, streamId, data.readableBytes(), data);
    }

    public static YamuxFrame windowUpdate(int streamId, int flags, long delta) {
        return control(YamuxFrameType.WINDOW_UPDATE, flags, streamId, delta);
    }

    public static YamuxFrame ping(int flags, long opaque) {
        return control(YamuxFrameType.PING, flags, SESSION_STREAM_ID, opaque);
    }

    public static YamuxFrame goAway(int code) {
        return control(YamuxFrameType.GO_AWAY, 0, SESSION_STREAM_ID, code);
    }

    /** A frame without payload; {@code length} is the unsigned 32-bit header value. */
    public static YamuxFrame control(YamuxFrameType type, int flags, int streamId, long length) {
        if (type == YamuxFrameType.DATA && length != 0) {
            throw new IllegalArgumentException("a DATA frame with length " + length + " needs its payload");
        }
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length does not fit 32 unsigned bits: " + length);
        }
        return new YamuxFrame(type, flags, streamId, length, Unpooled.EMPTY_BUFFER);
    }

    public YamuxFrameType type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public int streamId() {
        return streamId;
    }

    /** The header's length field as an unsigned value. */
    public long length() {
        return length;
    }

    @Override
    public YamuxFrame replace(ByteBuf content) {
        return new YamuxFrame(type, flags, streamId, type == YamuxFrameType.DATA ? content.readableBytes() : length,
                content);
    }

    @Override
    public YamuxFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public YamuxFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public YamuxFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public YamuxFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "YamuxFrame(" + type + ", flags=0x" + Integer.toHexString(flags) + ", stream="
                + Integer.toUnsignedString(streamId) + ", length=" + length + ")";
    }
}
