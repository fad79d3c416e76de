package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;

import java.util.ArrayDeque;

/**
 * The receive side of one stream: buffers DATA until the stream's pipeline asks to read (autoRead or
 * {@code read()}), grants window as data is handed over, and turns the remote's FIN into the input
 * shutdown events once everything before it was delivered. Event loop only.
 */
final class YamuxStreamInbound {
    private final YamuxStreamChannel channel;
    private final YamuxReceiveWindow window;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private boolean readRequested;
    private boolean draining;
    private boolean drainAgain;
    private boolean readCompletePending;
    private boolean remoteFin;
    private boolean inputFinished;
    private boolean shutdownLocally;

    YamuxStreamInbound(YamuxStreamChannel channel, YamuxReceiveWindow window) {
        this.channel = channel;
        this.window = window;
    }

    YamuxReceiveWindow window() {
        return window;
    }

    /** Takes ownership of {@code data}; returns false (and releases it) when it overruns the window. */
    boolean onData(ByteBuf data) {
        int length = data.readableBytes();
        if (remoteFin || !window.onReceived(length)) {
            data.release();
            return false;
        }
        if (shutdownLocally) {
            window.onConsumed(length);
            data.release();
            grantWindow();
            return true;
        }
        queue.add(data);
        drain();
        return true;
    }

    void onReadRequested() {
        readRequested = true;
        drain();
    }

    void onRemoteFin() {
        remoteFin = true;
        drain();
    }

    void shutdownLocally() {
        if (shutdownLocally) {
            return;
        }
        shutdownLocally = true;
        inputFinished = true;
        for (ByteBuf buf = queue.poll(); buf != null; buf = queue.poll()) {
            window.onConsumed(buf.readableBytes());
            buf.release();
        }
        grantWindow();
        channel.closeIfDone();
    }

    /** Fires the read-complete owed for data delivered during the connection's read batch. */
    void fireReadComplete() {
        if (readCompletePending) {
            readCompletePending = false;
            channel.pipeline().fireChannelReadComplete();
        }
    }

    boolean isInputFinished() {
        return inputFinished;
    }

    boolean remoteFinished() {
        return remoteFin;
    }

    void releaseAll() {
        for (ByteBuf buf = queue.poll(); buf != null; buf = queue.poll()) {
            buf.release();
        }
    }

    private void drain() {
        if (draining) {
            // Re-entered from the pipeline (read() inside channelRead/channelReadComplete): loop once more.
            drainAgain = true;
            return;
        }
        draining = true;
        try {
            do {
                drainAgain = false;
                deliverQueued();
                finishInputIfDrained();
            } while (drainAgain && channel.isOpen());
        } finally {
            draining = false;
        }
    }

    /**
     * Hands queued buffers to the pipeline while it wants them: with autoRead on, until it turns autoRead
     * off (back-pressure); with autoRead off, one buffer per {@code read()}. Never the whole queue
     * regardless: that can be a full receive window (megabytes once auto-tuned), delivered to a reader
     * that already said it cannot take more, e.g. a relay splice whose other stream's queue is full.
     */
    private void deliverQueued() {
        boolean delivered = false;
        while (!queue.isEmpty() && channel.isOpen()) {
            if (!channel.config().isAutoRead() && !readRequested) {
                break;
            }
            readRequested = false;
            ByteBuf buf = queue.poll();
            window.onConsumed(buf.readableBytes());
            channel.pipeline().fireChannelRead(buf);
            delivered = true;
        }
        if (!channel.isOpen()) {
            releaseAll();
            return;
        }
        if (!delivered) {
            return;
        }
        grantWindow();
        readCompletePending = true;
        channel.session().readCompleteLater(this);
    }

    private void finishInputIfDrained() {
        if (!remoteFin || inputFinished || !queue.isEmpty() || !channel.isOpen()) {
            return;
        }
        inputFinished = true;
        fireReadComplete();
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
        channel.closeIfDone();
    }

    private void grantWindow() {
        if (remoteFin || !channel.isOpen()) {
            return;
        }
        long grant = window.takeGrant(System.nanoTime(), channel.session().rttNanos());
        if (grant > 0) {
            channel.sendControl(0, grant);
            channel.session().flushSoon();
        }
    }
}
