package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;

import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * One Yamux stream as a Netty channel with its own pipeline, registered on the connection's event
 * loop; {@link #parent()} is the connection. Write {@link ByteBuf}s; they leave as DATA frames within
 * the peer's send window, and wait (making the channel unwritable past the high-water mark) when it
 * is exhausted. {@link #shutdownOutput()} sends FIN after the queued data; an inbound FIN fires
 * {@code ChannelInputShutdownEvent} then {@code ChannelInputShutdownReadComplete}. Once both
 * directions have finished the channel closes itself.
 * <p>
 * {@link #close()} sends FIN if it was not sent, or RST when it drops writes still queued. If the
 * remote has not finished yet, the stream lingers: the remote's FIN ends it quietly, while data from
 * the remote (nobody will read it) or the linger timeout resets it. {@link #reset()} aborts with RST.
 */
public final class YamuxStreamChannel extends AbstractChannel implements DuplexChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

    private final YamuxSession session;
    private final int streamId;
    private final boolean opener;
    private final DefaultChannelConfig config;
    private final YamuxStreamInbound inbound;
    private final YamuxStreamOutbound outbound;
    private final YamuxConfig yamuxConfig;
    /** SYN or ACK, carried by the first frame this side sends on the stream (sent on opening, see onOpened). */
    private int openFlag;
    private boolean awaitingAck;
    private boolean open = true;
    private boolean reset;
    private String resetReason;
    private boolean lingering;
    /** The connection closed after the remote finished; the queued input is still being read. */
    private boolean connectionGone;
    private io.netty.util.concurrent.Future<?> lingerTimeout;

    YamuxStreamChannel(YamuxSession session, int streamId, boolean outbound) {
        super(session.connection(), new YamuxStreamChannelId(session.connection().id(), streamId));
        this.session = session;
        this.streamId = streamId;
        this.opener = outbound;
        this.yamuxConfig = session.config();
        this.openFlag = outbound ? YamuxFrame.FLAG_SYN : YamuxFrame.FLAG_ACK;
        this.awaitingAck = outbound;
        this.config = new DefaultChannelConfig(this);
        config.setWriteBufferWaterMark(new WriteBufferWaterMark(
                yamuxConfig.writeBufferLowWaterMark(), yamuxConfig.writeBufferHighWaterMark()));
        this.outbound = new YamuxStreamOutbound(this, yamuxConfig);
        this.inbound = new YamuxStreamInbound(this, new YamuxReceiveWindow(
                yamuxConfig.initialStreamWindow(), yamuxConfig.maxStreamWindow(), System.nanoTime()));
    }

    /** The Yamux stream id: odd when the dialer (initiator) opened it, even otherwise. */
    public int streamId() {
        return streamId;
    }

    /** True when this side opened the stream. */
    public boolean isOutbound() {
        return opener;
    }

    /** True once the stream ended with RST, sent or received. */
    public boolean isReset() {
        return reset;
    }

    /** Aborts the stream: sends RST and closes the channel; queued writes fail. */
    public ChannelFuture reset() {
        ChannelPromise promise = newPromise();
        runOnLoop(() -> {
            resetLocally("reset by this side");
            promise.setSuccess();
        });
        return promise;
    }

    // ---- events from the session (event loop only) ----

    /**
     * Sends the SYN, or the ACK of a stream the remote opened, with any larger-than-default window grant.
     * The ACK goes at once rather than with the first frame our handler happens to send: go-yamux and
     * rust-yamux let only 256 of their streams await our ACK, so handlers that read before they write
     * (or never write) would hold up the remote's next streams. Inside a read batch it leaves with the
     * batch's single flush. Nothing is due if the stream's initializer already closed or reset it.
     */
    void onOpened() {
        long grant = inbound.window().takeInitialGrant();
        if (openFlag != 0 || grant > 0) {
            sendControl(0, grant);
            session.flushSoon();
        }
    }

    void onFrame(YamuxFrame frame) {
        if (frame.hasFlag(YamuxFrame.FLAG_ACK) && awaitingAck) {
            awaitingAck = false;
            session.onAcknowledged();
        }
        if (frame.hasFlag(YamuxFrame.FLAG_RST)) {
            onRemoteReset();
            return;
        }
        if (frame.type() == YamuxFrameType.WINDOW_UPDATE && frame.length() > 0) {
            outbound.onWindowUpdate(frame.length());
            if (open) {
                ((StreamUnsafe) unsafe()).resumeWrites();
            }
        }
        if (frame.type() == YamuxFrameType.DATA && frame.content().isReadable()) {
            if (!open) {
                // Closed locally while the remote still sends: nobody will read this, so stop the sender.
                resetLocally("data arrived after the stream was closed locally");
                return;
            }
            if (!inbound.onData(frame.content().retain())) {
                resetLocally("remote sent more than the receive window of " + inbound.window().target() + " bytes");
                return;
            }
        }
        if (frame.hasFlag(YamuxFrame.FLAG_FIN)) {
            if (lingering) {
                finish();
            } else {
                inbound.onRemoteFin();
            }
        }
    }

    /**
     * The connection is gone. A stream whose remote had finished (FIN received) keeps what arrived
     * before it: the reader still gets every queued byte and then the end, as after a TCP FIN, and
     * the stream closes once it has (or after the linger time, should nobody read). Any other
     * stream closes now.
     */
    void onConnectionClosed() {
        if (lingering) {
            finish();
        } else if (open && inbound.remoteFinished() && !inbound.isInputFinished()) {
            connectionGone = true;
            failQueuedWrites(new ClosedChannelException());
            lingerTimeout = eventLoop().schedule(() -> {
                if (open) {
                    unsafe().close(voidPromise());
                }
            }, yamuxConfig.streamCloseLinger().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } else if (open) {
            unsafe().close(voidPromise());
        }
    }

    /** Called by the session when the connection's buffer drained; resumes writes held back for it. */
    void onConnectionWritable() {
        if (open) {
            ((StreamUnsafe) unsafe()).resumeWrites();
        }
    }

    boolean isAwaitingAck() {
        return awaitingAck;
    }

    boolean isOutputFinished() {
        return outbound.isFinSent();
    }

    YamuxSession session() {
        return session;
    }

    /** Sends a WINDOW_UPDATE, carrying the open flag if nothing was sent yet. */
    void sendControl(int flags, long delta) {
        session.writeFrame(YamuxFrame.windowUpdate(streamId, flags | takeOpenFlag(), delta));
    }

    /** Closes the channel if both directions have finished. */
    void closeIfDone() {
        if (open && (outbound.isFinSent() || connectionGone) && inbound.isInputFinished()) {
            close();
        }
    }

    private int takeOpenFlag() {
        int flag = openFlag;
        openFlag = 0;
        return flag;
    }

    private void onRemoteReset() {
        reset = true;
        resetReason = "reset by the remote";
        if (lingering) {
            finish();
        } else if (open) {
            failQueuedWrites(new YamuxStreamResetException("stream " + streamId + " " + resetReason));
            unsafe().close(voidPromise());
        }
    }

    private void resetLocally(String reason) {
        if (reset) {
            return;
        }
        reset = true;
        resetReason = reason;
        sendControl(YamuxFrame.FLAG_RST, 0);
        session.flushSoon();
        if (lingering) {
            finish();
        } else if (open) {
            failQueuedWrites(new YamuxStreamResetException("stream " + streamId + " " + reason));
            unsafe().close(voidPromise());
        }
    }

    private void failQueuedWrites(Throwable cause) {
        ChannelOutboundBuffer buffer = unsafe().outboundBuffer();
        while (buffer != null && buffer.current() != null) {
            buffer.remove(cause);
        }
        outbound.failShutdown(cause);
    }

    private void finish() {
        lingering = false;
        if (lingerTimeout != null) {
            lingerTimeout.cancel(false);
        }
        session.removeStream(this);
    }

    private void runOnLoop(Runnable task) {
        if (eventLoop().inEventLoop()) {
            task.run();
        } else {
            eventLoop().execute(task);
        }
    }

    // ---- DuplexChannel ----

    @Override
    public boolean isInputShutdown() {
        return inbound.isInputFinished();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    /** Stops delivering inbound data; what still arrives is dropped and credited so the remote is not stalled. */
    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        runOnLoop(() -> {
            inbound.shutdownLocally();
            promise.setSuccess();
        });
        return promise;
    }

    @Override
    public boolean isOutputShutdown() {
        return outbound.isShutdownRequested();
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    /** Sends FIN once every write made before this call has left; the promise completes then. */
    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        runOnLoop(() -> {
            if (outbound.isFinSent()) {
                promise.setSuccess();
                return;
            }
            if (!open) {
                promise.setFailure(new ClosedChannelException());
                return;
            }
            outbound.requestShutdown(promise);
            unsafe().flush();
            ChannelOutboundBuffer buffer = unsafe().outboundBuffer();
            if (!outbound.isFinSent() && (buffer == null || buffer.isEmpty())) {
                sendFin();
            }
        });
        return promise;
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        shutdownInput();
        return shutdownOutput(promise);
    }

    private void sendFin() {
        outbound.sendFin();
        // Not inline: this may run inside flush, where closing would pull the outbound buffer away.
        eventLoop().execute(this::closeIfDone);
    }

    /** Sends one DATA frame, carrying the open flag if nothing was sent yet. */
    void sendData(ByteBuf data) {
        session.writeFrame(YamuxFrame.data(streamId, takeOpenFlag(), data));
    }

    // ---- AbstractChannel ----

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        boolean finBefore = outbound.isFinSent();
        outbound.write(in, reset);
        if (!finBefore && outbound.isFinSent()) {
            // Not inline: closing inside flush would pull the outbound buffer away.
            eventLoop().execute(this::closeIfDone);
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (connectionGone) {
            throw new ClosedChannelException();
        }
        return outbound.filter(msg, unsafe().outboundBuffer());
    }

    @Override
    protected void doClose() {
        open = false;
        inbound.releaseAll();
        if (connectionGone) {
            lingerTimeout.cancel(false);
            outbound.failShutdown(new ClosedChannelException());
            session.removeStream(this);
            return;
        }
        if (reset) {
            session.removeStream(this);
            return;
        }
        outbound.onClose(false);
        if (inbound.remoteFinished() || !session.isConnectionOpen()) {
            session.removeStream(this);
        } else {
            lingering = true;
            lingerTimeout = eventLoop().schedule(() -> resetLocally("remote did not finish within the linger time"),
                    yamuxConfig.streamCloseLinger().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void doBeginRead() {
        inbound.onReadRequested();
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return parent().localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return parent().remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a Yamux stream cannot be bound");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public String toString() {
        return "YamuxStream(" + Integer.toUnsignedString(streamId) + (opener ? ", outbound" : ", inbound")
                + (reset ? ", reset: " + resetReason : "") + ", on " + parent() + ")";
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
            safeSetFailure(promise, new UnsupportedOperationException("a Yamux stream is opened by its multiplexer"));
        }

        void resumeWrites() {
            flush0();
        }

        /**
         * Closing drops what is still queued. A FIN would then tell the remote it has everything, so
         * the stream is reset instead and the remote learns that bytes are missing.
         */
        @Override
        public void close(ChannelPromise promise) {
            long queued = open && !reset ? queuedBytes() : 0;
            if (queued > 0) {
                resetLocally("closed with " + queued + " bytes still queued");
            }
            super.close(promise);
        }

        /**
         * Bytes in the queued writes, flushed or not (closing drops both). Not the buffer's pending
         * count: that also counts writes other threads have yet to hand to the event loop.
         */
        private long queuedBytes() {
            ChannelOutboundBuffer buffer = outboundBuffer();
            if (buffer == null) {
                return 0;
            }
            buffer.addFlush();
            long[] bytes = {0};
            try {
                buffer.forEachFlushedMessage(msg -> {
                    bytes[0] += msg instanceof ByteBuf buf ? buf.readableBytes() : 0;
                    return true;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return bytes[0];
        }
    }
}
