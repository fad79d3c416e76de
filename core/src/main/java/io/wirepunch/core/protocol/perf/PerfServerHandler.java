package io.wirepunch.core.protocol.perf;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server side of one perf stream: header, drain the upload to EOF, then send and close. */
public final class PerfServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PerfServerHandler.class);

    private enum State { HEADER, DRAIN, SEND }

    private final byte[] header = new byte[PerfProtocol.HEADER_BYTES];
    private int headerBytes;
    private State state = State.HEADER;
    private long uploaded;
    private PayloadWriter writer;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (state == State.HEADER) {
                int n = Math.min(buf.readableBytes(), header.length - headerBytes);
                buf.readBytes(header, headerBytes, n);
                headerBytes += n;
                if (headerBytes == header.length) {
                    long requested = java.nio.ByteBuffer.wrap(header).getLong();
                    if (Long.compareUnsigned(requested, PerfProtocol.MAX_DOWNLOAD_BYTES) > 0) {
                        log.debug("perf stream {} asked for {} bytes, over the limit of {}; closing",
                                ctx.channel(), Long.toUnsignedString(requested), PerfProtocol.MAX_DOWNLOAD_BYTES);
                        ctx.close();
                        return;
                    }
                    state = State.DRAIN;
                    writer = new PayloadWriter(ctx.channel(), requested, () -> finish(ctx));
                }
            }
            if (state == State.DRAIN) {
                uploaded += buf.readableBytes();
            }
            // Bytes after EOF cannot arrive; bytes in SEND state would be a protocol violation we ignore.
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (state != State.DRAIN) {
                ctx.close();
                return;
            }
            state = State.SEND;
            writer.resume();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (state == State.SEND) {
            writer.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void finish(ChannelHandlerContext ctx) {
        log.debug("perf stream {} received {} bytes, sent its reply", ctx.channel(), uploaded);
        if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput().addListener((ChannelFutureListener) f -> ctx.close());
        } else {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("perf stream {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
