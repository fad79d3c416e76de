package io.wirepunch.core.upgrade.yamux;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Yamux pings: answers the remote's, measures round trips of ours (the latest one feeds window
 * auto-tuning), and sends keepalive pings that close a connection whose peer stopped answering.
 * Event loop only.
 */
final class YamuxPings {
    private static final Logger log = LoggerFactory.getLogger(YamuxPings.class);

    private final YamuxSession session;
    private final LongObjectHashMap<Outstanding> outstanding = new LongObjectHashMap<>();
    private long nextOpaque;
    private long rttNanos;
    private ScheduledFuture<?> keepAlive;
    private boolean closed;

    private record Outstanding(Promise<Duration> promise, long sentNanos, ScheduledFuture<?> timeout) {
    }

    YamuxPings(YamuxSession session) {
        this.session = session;
    }

    /** The most recently measured round trip, 0 before the first pong. */
    long rttNanos() {
        return rttNanos;
    }

    void startKeepAlive() {
        YamuxConfig config = session.config();
        if (!config.keepAliveEnabled() || keepAlive != null || closed) {
            return;
        }
        long interval = config.keepAliveInterval().toNanos();
        // The first ping right away gives window auto-tuning an RTT early.
        keepAlive = session.connection().eventLoop().scheduleAtFixedRate(this::keepAliveTick, 0, interval,
                TimeUnit.NANOSECONDS);
    }

    Future<Duration> ping(Promise<Duration> promise) {
        if (closed) {
            return promise.setFailure(new ClosedChannelException());
        }
        long opaque = nextOpaque;
        nextOpaque = (nextOpaque + 1) & 0xFFFF_FFFFL;
        Duration timeoutAfter = session.config().pingTimeout();
        ScheduledFuture<?> timeout = session.connection().eventLoop().schedule(() -> {
            if (outstanding.remove(opaque) != null) {
                promise.tryFailure(new TimeoutException("Yamux ping unanswered after " + timeoutAfter.toMillis() + " ms"));
            }
        }, timeoutAfter.toNanos(), TimeUnit.NANOSECONDS);
        outstanding.put(opaque, new Outstanding(promise, System.nanoTime(), timeout));
        session.writeFrame(YamuxFrame.ping(YamuxFrame.FLAG_SYN, opaque));
        session.flushSoon();
        return promise;
    }

    void onPing(YamuxFrame frame) {
        if (frame.hasFlag(YamuxFrame.FLAG_SYN)) {
            session.writeFrame(YamuxFrame.ping(YamuxFrame.FLAG_ACK, frame.length()));
        } else if (frame.hasFlag(YamuxFrame.FLAG_ACK)) {
            Outstanding pending = outstanding.remove(frame.length());
            if (pending != null) {
                long rtt = System.nanoTime() - pending.sentNanos();
                rttNanos = Math.max(rtt, 1);
                pending.timeout().cancel(false);
                pending.promise().trySuccess(Duration.ofNanos(rtt));
            }
        }
    }

    void close() {
        closed = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        for (Outstanding pending : new ArrayList<>(outstanding.values())) {
            pending.timeout().cancel(false);
            pending.promise().tryFailure(new ClosedChannelException());
        }
        outstanding.clear();
    }

    private void keepAliveTick() {
        ping(session.connection().eventLoop().newPromise()).addListener(f -> {
            if (f.cause() instanceof TimeoutException) {
                log.debug("{} keepalive ping unanswered, closing", session.connection());
                session.connection().close();
            }
        });
    }
}
