package io.wirepunch.core.control;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Serves the control API on the user's Unix socket (mode 0600, in a 0700 directory): one node per
 * user. A socket that answers means a node runs already, and starting is refused with a sentence
 * saying so; a socket file nobody answers on is left over from a node that died, and is replaced.
 */
public final class ControlServer implements AutoCloseable {
    /** How long {@link #close()} lets calls under way finish. */
    static final long SHUTDOWN_SECONDS = 2;

    private final Path socket;
    private final Server server;
    private final EpollEventLoopGroup group;

    private ControlServer(Path socket, Server server, EpollEventLoopGroup group) {
        this.socket = socket;
        this.server = server;
        this.group = group;
    }

    public static ControlServer start(Path socket, ControlService service) {
        if (!Epoll.isAvailable()) {
            throw new ControlException("the control API needs Linux's epoll for its Unix socket, which is not available here");
        }
        if (ControlSocket.isAnswering(socket)) {
            throw new ControlException("a Wirepunch node is already running for this user (control socket " + socket
                    + "); use it, or stop it with 'wirepunch down'");
        }
        EpollEventLoopGroup group = new EpollEventLoopGroup(1, new DefaultThreadFactory("wirepunch-control", true));
        try {
            ControlSocket.prepareDirectory(socket);
            Files.deleteIfExists(socket);
            Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(group)
                    .workerEventLoopGroup(group)
                    .addService(service)
                    .build()
                    .start();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new ControlServer(socket, server, group);
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new ControlException("cannot serve the control API at " + socket + ": " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the next node replaces a stale socket file
        }
    }
}
