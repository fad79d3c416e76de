package io.wirepunch.core.upgrade.yamux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.collection.IntObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one Yamux session: the stream table, stream id allocation, dispatch of inbound
 * frames, GoAway state, and batching of writes so the connection is flushed once per read batch.
 * Event loop only.
 */
final class YamuxSession {
    private static final Logger log = LoggerFactory.getLogger(YamuxSession.class);
    private static final long MAX_STREAM_ID = 0xFFFF_FFFFL;

    private final ChannelHandlerContext ctx;
    private final YamuxConfig config;
    private final boolean initiator;
    private final ChannelHandler inboundStreamInitializer;
    private final IntObjectHashMap<YamuxStreamChannel> streams = new IntObjectHashMap<>();
    private final List<YamuxStreamInbound> readCompletePending = new ArrayList<>();
    private final YamuxPings pings;
    private long nextLocalStreamId;
    private long highestRemoteStreamId;
    private int unacknowledgedOutbound;
    private boolean localGoAway;
    /** Read from other threads by {@link YamuxMultiplexer#remoteSentGoAway()}. */
    private volatile long remoteGoAwayCode = -1;
    private boolean closed;
    private boolean inReadLoop;
    private boolean flushPending;

    YamuxSession(ChannelHandlerContext ctx, boolean initiator, YamuxConfig config, ChannelHandler inboundStreamInitializer) {
        this.ctx = ctx;
        this.initiator = initiator;
        this.config = config;
        this.inboundStreamInitializer = inboundStreamInitializer;
        this.nextLocalStreamId = initiator ? 1 : 2;
        this.pings = new YamuxPings(this);
    }

    Channel connection() {
        return ctx.channel();
    }

    YamuxConfig config() {
        return config;
    }

    YamuxPings pings() {
        return pings;
    }

    long rttNanos() {
        return pings.rttNanos();
    }

    boolean isConnectionOpen() {
        return !closed;
    }

    int streamCount() {
        return streams.size();
    }

    boolean remoteSentGoAway() {
        return remoteGoAwayCode >= 0;
    }

    // ---- outbound ----

    YamuxStreamChannel openStream(ChannelHandler initializer) throws YamuxStreamRefusedException {
        if (closed) {
            throw new YamuxStreamRefusedException("the connection is closed");
        }
        if (remoteGoAwayCode >= 0) {
            throw new YamuxStreamRefusedException("the remote sent GoAway (code " + remoteGoAwayCode
                    + "), it accepts no new streams");
        }
        if (localGoAway) {
            throw new YamuxStreamRefusedException("this side sent GoAway, no new streams");
        }
        if (streams.size() >= config.maxConcurrentStreams()) {
            throw new YamuxStreamRefusedException("the limit of " + config.maxConcurrentStreams()
                    + " concurrent streams is reached");
        }
        if (unacknowledgedOutbound >= config.maxUnacknowledgedStreams()) {
            throw new YamuxStreamRefusedException(unacknowledgedOutbound
                    + " opened streams still await the remote's acknowledgement");
        }
        if (nextLocalStreamId > MAX_STREAM_ID) {
            throw new YamuxStreamRefusedException("stream ids of this connection are exhausted");
        }
        int id = (int) nextLocalStreamId;
        nextLocalStreamId += 2;
        YamuxStreamChannel stream = new YamuxStreamChannel(this, id, true);
        if (initializer != null) {
            stream.pipeline().addLast(initializer);
        }
        unacknowledgedOutbound++;
        register(stream);
        return stream;
    }

    void onAcknowledged() {
        unacknowledgedOutbound--;
    }

    ChannelFuture goAway(int code) {
        localGoAway = true;
        ChannelFuture sent = ctx.writeAndFlush(YamuxFrame.goAway(code));
        flushPending = false;
        return sent;
    }

    /** Queues a frame on the connection; it leaves with the next {@link #flushSoon()} or read batch end. */
    void writeFrame(YamuxFrame frame) {
        if (closed) {
            frame.release();
            return;
        }
        ctx.write(frame, ctx.voidPromise());
        flushPending = true;
    }

    /**
     * Flushes now, unless a read batch is running and the connection still has room: then the batch's
     * end flushes everything at once. An unwritable connection is flushed at once even mid-batch, since
     * nothing more can be queued on it until its bytes leave.
     */
    void flushSoon() {
        if (flushPending && (!inReadLoop || !connection().isWritable())) {
            flushPending = false;
            ctx.flush();
        }
    }

    void readCompleteLater(YamuxStreamInbound inbound) {
        if (inReadLoop) {
            readCompletePending.add(inbound);
        } else {
            inbound.fireReadComplete();
        }
    }

    void removeStream(YamuxStreamChannel stream) {
        if (streams.remove(stream.streamId()) != null && stream.isAwaitingAck()) {
            unacknowledgedOutbound--;
        }
    }

    // ---- inbound ----

    void onFrame(YamuxFrame frame) {
        inReadLoop = true;
        switch (frame.type()) {
            case PING -> pings.onPing(frame);
            case GO_AWAY -> onGoAway(frame.length());
            case DATA, WINDOW_UPDATE -> onStreamFrame(frame);
        }
    }

    void onReadComplete() {
        inReadLoop = false;
        for (int i = 0; i < readCompletePending.size(); i++) {
            readCompletePending.get(i).fireReadComplete();
        }
        readCompletePending.clear();
        flushSoon();
    }

    void onConnectionWritable() {
        for (YamuxStreamChannel stream : new ArrayList<>(streams.values())) {
            stream.onConnectionWritable();
            if (!connection().isWritable()) {
                break;
            }
        }
    }

    private void onGoAway(long code) {
        remoteGoAwayCode = code;
        log.debug("{} remote sent GoAway with code {}", connection(), code);
    }

    private void onStreamFrame(YamuxFrame frame) {
        int id = frame.streamId();
        if (id == YamuxFrame.SESSION_STREAM_ID) {
            throw new YamuxProtocolException(frame.type() + " frame on the session stream id 0");
        }
        YamuxStreamChannel stream = streams.get(id);
        if (frame.hasFlag(YamuxFrame.FLAG_SYN)) {
            acceptStream(id, frame, stream);
            return;
        }
        if (stream != null) {
            stream.onFrame(frame);
            return;
        }
        // Frames may trail a stream that already ended (its data is bounded by the window we granted);
        // a frame for a stream that never existed is a protocol error.
        if (!wasEverOpened(id)) {
            throw new YamuxProtocolException(frame.type() + " frame for stream " + Integer.toUnsignedString(id)
                    + " which was never opened");
        }
    }

    private void acceptStream(int id, YamuxFrame frame, YamuxStreamChannel existing) {
        long unsignedId = Integer.toUnsignedLong(id);
        if (isLocalParity(unsignedId)) {
            throw new YamuxProtocolException("remote opened stream " + unsignedId + " with this side's id parity");
        }
        if (existing != null || unsignedId <= highestRemoteStreamId) {
            throw new YamuxProtocolException("remote reused stream id " + unsignedId);
        }
        highestRemoteStreamId = unsignedId;
        if (localGoAway || streams.size() >= config.maxConcurrentStreams()) {
            log.debug("{} refusing stream {}: {}", connection(), unsignedId,
                    localGoAway ? "GoAway sent" : "limit of " + config.maxConcurrentStreams() + " streams");
            writeFrame(YamuxFrame.windowUpdate(id, YamuxFrame.FLAG_RST, 0));
            return;
        }
        YamuxStreamChannel stream = new YamuxStreamChannel(this, id, false);
        stream.pipeline().addLast(inboundStreamInitializer);
        if (register(stream)) {
            stream.onFrame(frame);
        }
    }

    private boolean register(YamuxStreamChannel stream) {
        streams.put(stream.streamId(), stream);
        ChannelFuture registered = connection().eventLoop().register(stream);
        if (registered.isDone() && !registered.isSuccess()) {
            log.debug("{} could not register {}", connection(), stream, registered.cause());
            stream.reset();
            return false;
        }
        stream.onOpened();
        return true;
    }

    private boolean isLocalParity(long id) {
        return (id % 2 == 1) == initiator;
    }

    private boolean wasEverOpened(int id) {
        long unsignedId = Integer.toUnsignedLong(id);
        return isLocalParity(unsignedId) ? unsignedId < nextLocalStreamId : unsignedId <= highestRemoteStreamId;
    }

    // ---- teardown ----

    void protocolError(Throwable cause) {
        if (closed) {
            return;
        }
        log.debug("{} Yamux protocol error, sending GoAway and closing: {}", connection(), cause.getMessage());
        localGoAway = true;
        ctx.writeAndFlush(YamuxFrame.goAway(YamuxFrame.GO_AWAY_PROTOCOL_ERROR))
                .addListener(ChannelFutureListener.CLOSE);
        closed = true;
    }

    void onConnectionClosed() {
        closed = true;
        pings.close();
        for (YamuxStreamInbound inbound : readCompletePending) {
            inbound.fireReadComplete();
        }
        readCompletePending.clear();
        for (YamuxStreamChannel stream : new ArrayList<>(streams.values())) {
            stream.onConnectionClosed();
        }
        streams.clear();
    }
}
