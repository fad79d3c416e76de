package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.util.internal.StringUtil;

import java.nio.channels.ClosedChannelException;

/**
 * The send side of one stream: turns queued buffers into DATA frames within the peer's window,
 * enforces the queue limit, and sends FIN after the last queued byte. Event loop only.
 */
final class YamuxStreamOutbound {
    private final YamuxStreamChannel channel;
    private final YamuxConfig config;
    private long sendWindow = YamuxConfig.SPEC_INITIAL_STREAM_WINDOW;
    private boolean shutdownRequested;
    private ChannelPromise finPromise;
    private boolean finSent;

    YamuxStreamOutbound(YamuxStreamChannel channel, YamuxConfig config) {
        this.channel = channel;
        this.config = config;
    }

    boolean isShutdownRequested() {
        return shutdownRequested;
    }

    boolean isFinSent() {
        return finSent;
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
    }

    /** Refuses what must not be queued: non-buffers, writes after shutdown, and writes beyond the limit. */
    Object filter(Object msg, ChannelOutboundBuffer buffer) throws Exception {
        if (!(msg instanceof ByteBuf buf)) {
            throw new UnsupportedOperationException(
                    "unsupported message type: " + StringUtil.simpleClassName(msg) + " (expected ByteBuf)");
        }
        if (shutdownRequested) {
            throw new ChannelOutputShutdownException("stream " + channel.streamId() + " output is shut down");
        }
        long queued = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (queued + buf.readableBytes() > config.maxQueuedOutboundBytes()) {
            throw new YamuxLimitExceededException("stream " + channel.streamId() + " would queue "
                    + (queued + buf.readableBytes()) + " bytes, above the limit of " + config.maxQueuedOutboundBytes());
        }
        return msg;
    }

    /** Records a shutdownOutput request; true when FIN can go right away because nothing is queued. */
    boolean requestShutdown(ChannelPromise promise) {
        shutdownRequested = true;
        if (finPromise == null) {
            finPromise = promise;
        } else {
            finPromise.addListener(f -> promise.setSuccess());
        }
        return true;
    }

    void write(ChannelOutboundBuffer in, boolean reset) {
        if (finSent || reset) {
            Throwable cause = new ChannelOutputShutdownException(
                    "stream " + channel.streamId() + " output already finished");
            while (in.current() != null) {
                in.remove(cause);
            }
            return;
        }
        // Flushing can drain the connection below its low-water mark; the writability event that follows
        // cannot re-enter this flush, so look again after each flush instead of waiting for it.
        while (writeWhatFits(in)) {
            channel.session().flushSoon();
            if (in.isEmpty() || sendWindow <= 0 || !channel.parent().isWritable()) {
                break;
            }
        }
        if (shutdownRequested && !finSent && in.isEmpty()) {
            sendFin();
        }
    }

    void sendFin() {
        finSent = true;
        channel.sendControl(YamuxFrame.FLAG_FIN, 0);
        channel.session().flushSoon();
        if (finPromise != null) {
            finPromise.trySuccess();
        }
    }

    /** On close: a FIN if none was sent yet (reset streams send RST instead), and a pending shutdown fails. */
    void onClose(boolean reset) {
        if (!finSent && !reset) {
            finSent = true;
            channel.sendControl(YamuxFrame.FLAG_FIN, 0);
            channel.session().flushSoon();
        }
        failShutdown(new ClosedChannelException());
    }

    void failShutdown(Throwable cause) {
        if (finPromise != null) {
            finPromise.tryFailure(cause);
        }
    }

    private boolean writeWhatFits(ChannelOutboundBuffer in) {
        boolean wrote = false;
        // Waiting for the connection to drain bounds what all streams together can pile onto it.
        while (sendWindow > 0 && channel.parent().isWritable()) {
            int limit = (int) Math.min(sendWindow, config.maxSendFrameData());
            ByteBuf data = FrameGatherer.gather(in, channel.alloc(), limit);
            if (data == null) {
                break;
            }
            int length = data.readableBytes();
            sendWindow -= length;
            channel.sendData(data);
            // Only now: removing a write completes its promise, and a listener that half-closes
            // must find the FIN queued behind these bytes, not ahead of them.
            in.removeBytes(length);
            wrote = true;
        }
        // Empty writes at the head need no window; dropping them lets a pending FIN go.
        in.removeBytes(0);
        return wrote;
    }
}
