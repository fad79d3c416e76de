package io.wirepunch.core.forward;

import io.netty.channel.Channel;
import io.wirepunch.core.identity.PeerId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A local TCP listener whose connections are each carried over a new forward stream to
 * {@link #peer()}'s port {@link #remotePort()}. {@link #close()} stops listening and closes the
 * connections it carries.
 */
public final class LocalForward implements AutoCloseable {
    /** How long {@link #close()} waits for the listener to close. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Channel listener;
    private final PeerId peer;
    private final int remotePort;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Consumer<LocalForward> closed;

    LocalForward(Channel listener, PeerId peer, int remotePort, Consumer<LocalForward> closed) {
        this.listener = listener;
        this.peer = peer;
        this.remotePort = remotePort;
        this.closed = closed;
    }

    /** Where the listener really listens (the port resolved when 0 was asked). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public PeerId peer() {
        return peer;
    }

    public int remotePort() {
        return remotePort;
    }

    /** Local connections currently open, including those still waiting for the peer's answer. */
    public int activeConnections() {
        return connections.size();
    }

    /** Local connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Local connections the peer refused or that failed before the answer. */
    public int failedConnections() {
        return failed.get();
    }

    /** Why the last failed connection failed, or null. */
    public String lastError() {
        return lastError.get();
    }

    /** Bytes passed from local connections to the peer. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes passed from the peer to local connections. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    public boolean isOpen() {
        return listener.isOpen();
    }

    /** Stops listening and closes every connection this forward carries. */
    @Override
    /** Stops listening and closes every connection it carries; returns once the listener is closed. */
    public void close() {
        var stopped = listener.close();
        connections.forEach(Channel::close);
        closed.accept(this);
        if (!listener.eventLoop().inEventLoop()) {
            stopped.awaitUninterruptibly(CLOSE_WAIT.toMillis());
        }
    }

    void accepted(Channel tcp) {
        accepted.incrementAndGet();
        connections.add(tcp);
        tcp.closeFuture().addListener(f -> connections.remove(tcp));
        if (!listener.isOpen()) {
            tcp.close();
        }
    }

    void failed(String why) {
        failed.incrementAndGet();
        lastError.set(why);
    }

    void passed(boolean towardsStream, int bytes) {
        (towardsStream ? bytesSent : bytesReceived).addAndGet(bytes);
    }

    @Override
    public String toString() {
        return "forward " + localAddress() + " -> " + peer + ":" + remotePort;
    }
}
