package io.wirepunch.core.upgrade.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Records how a negotiation ended and, on success, installs a handler that collects what the
 * selected protocol receives, the way a real protocol's handlers would be installed.
 */
final class RecordingListener implements MultistreamListener {

    final List<String> selected = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    private final ByteBuf received = Unpooled.buffer();
    /** Whether the multistream handler was still in the pipeline when {@link #selected} ran. */
    boolean handlerPresentDuringSelect;

    @Override
    public void selected(ChannelHandlerContext ctx, String protocol) {
        selected.add(protocol);
        handlerPresentDuringSelect = ctx.pipeline().context(ctx.handler()) != null;
        ctx.pipeline().addAfter(ctx.name(), "app", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext appCtx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                received.writeBytes(buf);
                buf.release();
            }
        });
    }

    @Override
    public void failed(Throwable cause) {
        failures.add(cause);
    }

    /** Bytes the installed application handler has received, consumed by this call. */
    byte[] takeReceived() {
        byte[] bytes = ByteBufUtil.getBytes(received);
        received.clear();
        return bytes;
    }

    MultistreamException.Reason onlyFailureReason() {
        if (failures.size() != 1 || !(failures.get(0) instanceof MultistreamException e)) {
            throw new AssertionError("expected exactly one MultistreamException, got " + failures);
        }
        return e.reason();
    }

    void release() {
        received.release();
    }
}
