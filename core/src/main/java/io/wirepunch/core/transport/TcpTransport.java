package io.wirepunch.core.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TCP listeners and dials on Netty, native epoll where available and NIO otherwise. Listeners
 * and dials from a chosen local address set SO_REUSEADDR and SO_REUSEPORT, so a node can dial
 * out from the port it listens on: the remote then sees the listening port, which is what TCP
 * hole punching needs. A transport runs on event loops of its own, or on a shared
 * {@link EventLoops} set, which it leaves running when it closes.
 */
public final class TcpTransport implements AutoCloseable {

    /** How long a dial may wait for the TCP handshake. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long shutdown waits for tasks to stop arriving before it stops the event loops. */
    public static final Duration SHUTDOWN_QUIET_PERIOD = Duration.ofMillis(50);
    /** The most {@link #close()} waits for the event loops to stop. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    /**
     * When a connection stops taking writes: above 512 KiB queued for the socket, until below 256 KiB.
     * Netty's default (64 KiB) is a single Noise frame, so every frame would flip writability and be
     * flushed alone; several frames per flush keep the socket writes large.
     */
    public static final WriteBufferWaterMark WRITE_BUFFER_WATER_MARK = new WriteBufferWaterMark(256 * 1024, 512 * 1024);

    /**
     * Socket reads start at 64 KiB and grow up to 1 MiB while the socket keeps filling them.
     * Netty's default stops at 64 KiB, about one Noise message, so a bulk transfer paid a read
     * call and a pipeline pass per message; larger reads carry several. Shared: each channel
     * keeps its own sizing state.
     */
    public static final AdaptiveRecvByteBufAllocator READ_SIZES =
            new AdaptiveRecvByteBufAllocator(64 * 1024, 256 * 1024, 1024 * 1024);

    private final SocketFlavor flavor;
    private final Duration connectTimeout;
    private final EventLoops loops;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    /** On shared loops: this transport's channels, which its close closes; none when it owns its loops. */
    private final Optional<ChannelGroup> ownChannels;
    private volatile boolean closed;

    /** Uses epoll when the native library loads. */
    public TcpTransport() {
        this(false, CONNECT_TIMEOUT);
    }

    /** @param forceNio use JDK NIO even where epoll is available */
    public TcpTransport(boolean forceNio) {
        this(forceNio, CONNECT_TIMEOUT);
    }

    public TcpTransport(boolean forceNio, Duration connectTimeout) {
        this(checked(connectTimeout), EventLoops.ownDefault(forceNio), false);
    }

    /**
     * On {@code shared} loops, which stay running when this transport closes (their creator closes
     * them); closing this transport closes the channels it listened, accepted and dialed.
     */
    public TcpTransport(EventLoops shared, Duration connectTimeout) {
        this(checked(connectTimeout), Objects.requireNonNull(shared, "shared"), true);
    }

    private TcpTransport(Duration connectTimeout, EventLoops loops, boolean shared) {
        this.flavor = loops.flavor();
        this.connectTimeout = connectTimeout;
        this.loops = loops;
        this.acceptGroup = loops.accept();
        this.ioGroup = loops.io();
        this.ownChannels = shared
                ? Optional.of(new DefaultChannelGroup("tcp-transport", ImmediateEventExecutor.INSTANCE, true))
                : Optional.empty();
    }

    private static Duration checked(Duration connectTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout out of range: " + connectTimeout);
        }
        return connectTimeout;
    }

    /** Whether this transport runs on a shared set of event loops. */
    public boolean sharesEventLoops() {
        return ownChannels.isPresent();
    }

    /** Whether this transport runs on native epoll rather than NIO. */
    public boolean usesEpoll() {
        return flavor == SocketFlavor.EPOLL;
    }

    /** Whether dials can share a listener's port on this platform. */
    public boolean supportsPortReuse() {
        return flavor.supportsReusePort();
    }

    /**
     * Listens on {@code local} (port 0 picks a free port; read it from the channel's local
     * address). {@code childInitializer} is added to every accepted connection's pipeline.
     */
    public CompletionStage<Channel> listen(InetSocketAddress local, ChannelHandler childInitializer) {
        Objects.requireNonNull(childInitializer, "childInitializer");
        if (closed || loops.isShutdown()) {
            return failedBecauseClosed("cannot listen on " + local);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(flavor.serverChannelType())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READ_SIZES)
                .childHandler(tracked(childInitializer));
        flavor.shareListenerPort(bootstrap);
        return completion(track(bootstrap.bind(local)), "cannot listen on " + local);
    }

    /** Dials {@code remote} from an ephemeral port. */
    public CompletionStage<Channel> dial(InetSocketAddress remote, ChannelHandler initializer) {
        if (closed || loops.isShutdown()) {
            return failedBecauseClosed("cannot dial " + remote);
        }
        return completion(track(bootstrap(initializer, false).connect(remote)), "cannot dial " + remote);
    }

    /**
     * Dials {@code remote} from {@code localBind}, which may be the address a listener of this
     * or another transport holds.
     */
    public CompletionStage<Channel> dial(InetSocketAddress remote, InetSocketAddress localBind,
            ChannelHandler initializer) {
        return dial(remote, localBind, initializer, connectTimeout);
    }

    /** As {@link #dial(InetSocketAddress, InetSocketAddress, ChannelHandler)}, giving up after {@code timeout}. */
    public CompletionStage<Channel> dial(InetSocketAddress remote, InetSocketAddress localBind,
            ChannelHandler initializer, Duration timeout) {
        if (closed || loops.isShutdown()) {
            return failedBecauseClosed("cannot dial " + remote + " from " + localBind);
        }
        Bootstrap b = bootstrap(initializer, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) checked(timeout).toMillis());
        return completion(track(b.connect(remote, localBind)), "cannot dial " + remote + " from " + localBind);
    }

    private Bootstrap bootstrap(ChannelHandler initializer, boolean sharePort) {
        Objects.requireNonNull(initializer, "initializer");
        return new Bootstrap()
                .group(ioGroup)
                .channelFactory(flavor.clientChannels(sharePort))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, READ_SIZES)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(initializer);
    }

    /** On shared loops, {@code future}'s channel joins this transport's own, which close() closes. */
    private ChannelFuture track(ChannelFuture future) {
        ownChannels.ifPresent(g -> g.add(future.channel()));
        return future;
    }

    /** On shared loops, every accepted channel joins this transport's own before {@code initializer} runs. */
    private ChannelHandler tracked(ChannelHandler initializer) {
        if (ownChannels.isEmpty()) {
            return initializer;
        }
        ChannelGroup group = ownChannels.get();
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                group.add(ch);
                ch.pipeline().addLast(initializer);
            }
        };
    }

    // A stopped event loop rejects the task that would complete a channel future, so a dial
    // after close() would never complete; refuse it up front instead.
    private static CompletionStage<Channel> failedBecauseClosed(String what) {
        IllegalStateException cause = new IllegalStateException("transport is closed");
        return CompletableFuture.failedFuture(new TransportException(what + ": transport is closed", cause));
    }

    private static CompletionStage<Channel> completion(ChannelFuture future, String what) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(future.channel());
            } else {
                result.completeExceptionally(new TransportException(what + ": " + describe(f.cause()), f.cause()));
            }
        });
        return result;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof ConnectException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /**
     * Own loops: stops them, closing every channel; shared loops: closes this transport's channels.
     * Completes when that is done.
     */
    public CompletionStage<Void> closeAsync() {
        closed = true;
        if (ownChannels.isEmpty()) {
            return loops.shutdownAsync();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ownChannels.get().close().addListener(f -> done.complete(null));
        return done;
    }

    /**
     * As {@link #closeAsync()}, waiting at most about {@link #SHUTDOWN_TIMEOUT}; called from one of
     * the loops' own threads it does not wait, since that thread must return for the work to end.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync().toCompletableFuture();
        if (loops.onOwnThread()) {
            return;
        }
        EventLoops.await(done);
    }
}
