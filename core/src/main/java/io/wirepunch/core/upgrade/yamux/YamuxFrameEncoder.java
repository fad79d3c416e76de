package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes {@link YamuxFrame}s. Large payloads are not copied: the header and the payload travel
 * as one composite buffer, so the layer below still sees one message per frame.
 */
@ChannelHandler.Sharable
public final class YamuxFrameEncoder extends MessageToMessageEncoder<YamuxFrame> {
    /** Payloads up to this size are copied next to the header; one small buffer beats a composite. */
    static final int COPY_THRESHOLD = 1024;

    public YamuxFrameEncoder() {
        super(YamuxFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, YamuxFrame frame, List<Object> out) {
        ByteBuf data = frame.content();
        int dataLength = data.readableBytes();
        boolean copy = dataLength <= COPY_THRESHOLD;
        ByteBuf header = ctx.alloc().ioBuffer(YamuxFrame.HEADER_LENGTH + (copy ? dataLength : 0));
        header.writeByte(YamuxFrame.VERSION)
                .writeByte(frame.type().code())
                .writeShort(frame.flags())
                .writeInt(frame.streamId())
                .writeInt((int) frame.length());
        if (copy) {
            header.writeBytes(data, data.readerIndex(), dataLength);
            out.add(header);
        } else {
            out.add(ctx.alloc().compositeBuffer(2).addComponents(true, header, data.retain()));
        }
    }
}
