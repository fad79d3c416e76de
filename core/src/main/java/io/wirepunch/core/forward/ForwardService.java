package io.wirepunch.core.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.identity.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP port forwarding over {@link ForwardProtocol#ID}, both sides. Serving: ports are reachable
 * only once {@link #expose exposed}, only by peers {@code admitted} accepts, and always on
 * 127.0.0.1. Opening: {@link #forward} listens locally and carries each connection over a new
 * stream to the peer. Local sockets run on a small event loop group of the service's own, created
 * by {@link #start()} and shut down by {@link #stop()}.
 */
public final class ForwardService {
    private static final Logger log = LoggerFactory.getLogger(ForwardService.class);
    /** Threads of the group the local TCP connections run on. */
    public static final int IO_THREADS = 2;

    private final Host host;
    private final Predicate<PeerId> admitted;
    private final Duration timeout;
    private final ExposedPorts exposed = new ExposedPorts();
    private final Map<PeerId, Integer> perPeer = new HashMap<>();
    private final Set<Inbound> inbound = ConcurrentHashMap.newKeySet();
    private final List<LocalForward> forwards = new CopyOnWriteArrayList<>();
    private volatile EventLoopGroup group;

    /** A spliced stream from a peer to a local port. */
    private record Inbound(int port, ForwardSplice splice) {}

    /** @param admitted which peers may use exposed ports (e.g. members of one of our networks) */
    public ForwardService(Host host, Predicate<PeerId> admitted) {
        this(host, admitted, ForwardProtocol.REQUEST_TIMEOUT);
    }

    ForwardService(Host host, Predicate<PeerId> admitted, Duration timeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.admitted = Objects.requireNonNull(admitted, "admitted");
        this.timeout = timeout;
    }

    /** Creates the local event loops and answers forward streams. */
    public synchronized void start() {
        if (group != null) {
            return;
        }
        group = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("wirepunch-forward", true));
        host.protocols().register(ForwardProtocol.ID, s -> ForwardResponder.install(s.channel(), this, s.remotePeer()));
    }

    /** Stops answering, closes every local forward and every forwarded connection, and the event loops. */
    public void stop() {
        EventLoopGroup g;
        synchronized (this) {
            g = group;
            if (g == null) {
                return;
            }
            host.protocols().unregister(ForwardProtocol.ID);
            group = null;
        }
        forwards.forEach(LocalForward::close);
        inbound.forEach(i -> i.splice().abort());
        g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Lets admitted peers reach 127.0.0.1:{@code port}; true if it was not exposed yet. */
    public boolean expose(int port) {
        return exposed.add(port);
    }

    /** Closes 127.0.0.1:{@code port} to peers again, and the forwarded connections to it; true if it was exposed. */
    public boolean unexpose(int port) {
        boolean was = exposed.remove(port);
        inbound.stream().filter(i -> i.port() == port).forEach(i -> i.splice().abort());
        return was;
    }

    /** The exposed ports, ascending. */
    public SortedSet<Integer> exposed() {
        return exposed.snapshot();
    }

    /** Forwarded connections from peers currently open on this side. */
    public int inboundConnections() {
        return inbound.size();
    }

    /** Forwards 127.0.0.1:{@code localPort} (0 picks a free port) to {@code peer}'s {@code remotePort}. */
    public CompletionStage<LocalForward> forward(int localPort, PeerId peer, int remotePort) {
        return forward(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort), peer, remotePort);
    }

    /**
     * Listens on {@code localBind} and carries each accepted connection over a new stream to
     * {@code peer}'s {@code remotePort}, connecting to the peer when needed. Fails when the port is
     * outside 1..65535, the service is not started, or the bind fails.
     */
    public CompletionStage<LocalForward> forward(InetSocketAddress localBind, PeerId peer, int remotePort) {
        Objects.requireNonNull(localBind, "localBind");
        Objects.requireNonNull(peer, "peer");
        try {
            ExposedPorts.requireValid(remotePort);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        EventLoopGroup g = group;
        if (g == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the forward service is not started"));
        }
        LocalForward[] handle = new LocalForward[1];
        CompletableFuture<LocalForward> result = new CompletableFuture<>();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(g)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel tcp) {
                        open(handle[0], tcp);
                    }
                });
        bootstrap.bind(localBind).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            handle[0] = new LocalForward(f.channel(), peer, remotePort, forwards::remove);
            forwards.add(handle[0]);
            log.debug("forwarding {} to {}:{}", handle[0].localAddress(), peer, remotePort);
            result.complete(handle[0]);
        });
        return result;
    }

    /** The local forwards open now. */
    public List<LocalForward> forwards() {
        return List.copyOf(forwards);
    }

    private void open(LocalForward forward, Channel tcp) {
        if (forward == null) {
            tcp.close(); // accepted in the instant between bind and handle; cannot happen with a fresh port
            return;
        }
        forward.accepted(tcp);
        host.newStream(forward.peer(),
                s -> ForwardOpener.install(s.channel(), tcp, forward.remotePort(), timeout,
                        stream -> ForwardSplice.start(stream, tcp, forward::passed, () -> { }),
                        forward::failed),
                ForwardProtocol.ID).whenComplete((s, e) -> {
                    if (e != null) {
                        forward.failed("cannot open a stream to " + forward.peer() + ": " + e.getMessage());
                        tcp.close();
                    }
                });
    }

    // ---- for ForwardResponder ----

    Duration timeout() {
        return timeout;
    }

    boolean admitted(PeerId peer) {
        return admitted.test(peer);
    }

    boolean isExposed(int port) {
        return exposed.contains(port);
    }

    boolean tryAcquire(PeerId peer) {
        synchronized (perPeer) {
            int n = perPeer.getOrDefault(peer, 0);
            if (n >= ForwardProtocol.MAX_FORWARDS_PER_PEER) {
                return false;
            }
            perPeer.put(peer, n + 1);
            return true;
        }
    }

    void release(PeerId peer) {
        synchronized (perPeer) {
            perPeer.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connects to 127.0.0.1:{@code port}, not reading until the splice starts. */
    ChannelFuture connectLoopback(int port) {
        EventLoopGroup g = group;
        if (g == null) {
            throw new IllegalStateException("the forward service is stopped");
        }
        return new Bootstrap()
                .group(g)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // the splice adds its handler once the answer is out
                    }
                })
                .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** The answer was OK: joins the stream to the local connection; the peer's slot is freed when both close. */
    void spliced(PeerId peer, int port, Channel stream, Channel tcp) {
        CompletableFuture<Inbound> entry = new CompletableFuture<>();
        ForwardSplice splice = ForwardSplice.start(stream, tcp, (towardsStream, n) -> { }, () -> {
            entry.thenAccept(inbound::remove);
            release(peer);
        });
        Inbound i = new Inbound(port, splice);
        inbound.add(i);
        entry.complete(i);
        if (!exposed.contains(port) || group == null) {
            splice.abort(); // unexposed or stopped while connecting
        }
    }
}
