package io.wirepunch.core.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One accepting event loop and a group of I/O event loops, which several {@link TcpTransport}s can
 * share: many hosts in one process (the demo's nodes) then run on a few threads rather than on a
 * set each. Whoever creates a set closes it, after the transports on it are closed; a transport
 * given a set closes only its own channels.
 */
public final class EventLoops implements AutoCloseable {
    /** The most I/O threads a set may have; more would only compete for the cores. */
    public static final int MAX_IO_THREADS = 64;

    private final SocketFlavor flavor;
    private final EventLoopGroup accept;
    private final EventLoopGroup io;
    private final int ioThreads;

    private EventLoops(SocketFlavor flavor, int ioThreads) {
        this.flavor = flavor;
        this.ioThreads = ioThreads;
        this.accept = flavor.newGroup(1, new DefaultThreadFactory("wirepunch-tcp-accept", true));
        this.io = flavor.newGroup(ioThreads, new DefaultThreadFactory("wirepunch-tcp-io", true));
    }

    /**
     * A set with {@code ioThreads} I/O threads (1 to {@link #MAX_IO_THREADS}), native epoll where
     * available unless {@code forceNio}.
     */
    public static EventLoops create(boolean forceNio, int ioThreads) {
        if (ioThreads < 1 || ioThreads > MAX_IO_THREADS) {
            throw new IllegalArgumentException("I/O threads must be 1 to " + MAX_IO_THREADS + ", not " + ioThreads);
        }
        return new EventLoops(SocketFlavor.choose(forceNio), ioThreads);
    }

    /** A set with Netty's default number of I/O threads (twice the cores), for one transport alone. */
    static EventLoops ownDefault(boolean forceNio) {
        return new EventLoops(SocketFlavor.choose(forceNio), 0);
    }

    /** The I/O threads; 0: Netty's default. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Whether these loops run on native epoll rather than NIO. */
    public boolean usesEpoll() {
        return flavor == SocketFlavor.EPOLL;
    }

    SocketFlavor flavor() {
        return flavor;
    }

    EventLoopGroup accept() {
        return accept;
    }

    EventLoopGroup io() {
        return io;
    }

    boolean isShutdown() {
        return accept.isShuttingDown() || io.isShuttingDown();
    }

    /** Whether the calling thread is one of these loops. */
    boolean onOwnThread() {
        for (EventExecutor executor : io) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return accept.next().inEventLoop();
    }

    /** Stops both groups, closing every channel on them; completes when they have stopped. */
    CompletionStage<Void> shutdownAsync() {
        long quiet = TcpTransport.SHUTDOWN_QUIET_PERIOD.toMillis();
        long timeout = TcpTransport.SHUTDOWN_TIMEOUT.toMillis();
        Future<?> a = accept.shutdownGracefully(quiet, timeout, TimeUnit.MILLISECONDS);
        Future<?> i = io.shutdownGracefully(quiet, timeout, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> done = new CompletableFuture<>();
        a.addListener(x -> i.addListener(y -> done.complete(null)));
        return done;
    }

    /**
     * Stops both groups and waits at most about {@link TcpTransport#SHUTDOWN_TIMEOUT}; from one of
     * the loops' own threads it does not wait, since that thread must return for the loop to stop.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = shutdownAsync().toCompletableFuture();
        if (onOwnThread()) {
            return;
        }
        await(done);
    }

    static void await(CompletableFuture<Void> done) {
        try {
            done.get(TcpTransport.SHUTDOWN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The groups keep shutting down in the background; their threads are daemons.
        }
    }
}
