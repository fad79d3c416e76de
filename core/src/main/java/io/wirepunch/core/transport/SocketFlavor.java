package io.wirepunch.core.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadFactory;

/** The Netty classes and socket options of one I/O implementation: native epoll or JDK NIO. */
enum SocketFlavor {

    EPOLL {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerChannel> serverChannelType() {
            return EpollServerSocketChannel.class;
        }

        @Override
        boolean supportsReusePort() {
            return true;
        }

        @Override
        void shareListenerPort(ServerBootstrap bootstrap) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true).option(EpollChannelOption.SO_REUSEPORT, true);
        }

        @Override
        Channel newClientChannel(boolean sharePort) throws IOException {
            EpollSocketChannel channel = new EpollSocketChannel();
            if (sharePort) {
                // EpollSocketChannel's config has no SO_REUSEPORT option; its socket does.
                Socket socket = (Socket) channel.fd();
                socket.setReuseAddress(true);
                socket.setReusePort(true);
            }
            return channel;
        }
    },

    NIO {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerChannel> serverChannelType() {
            return NioServerSocketChannel.class;
        }

        @Override
        boolean supportsReusePort() {
            return NIO_REUSE_PORT;
        }

        @Override
        void shareListenerPort(ServerBootstrap bootstrap) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
            if (NIO_REUSE_PORT) {
                bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
            }
        }

        @Override
        Channel newClientChannel(boolean sharePort) throws IOException {
            SocketChannel socket = SocketChannel.open();
            if (sharePort) {
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (NIO_REUSE_PORT) {
                    socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
            }
            return new NioSocketChannel(socket);
        }
    };

    /** Whether the JDK offers SO_REUSEPORT here (Linux and macOS do; Windows does not). */
    private static final boolean NIO_REUSE_PORT = jdkSupportsReusePort();

    abstract EventLoopGroup newGroup(int threads, ThreadFactory threadFactory);

    abstract Class<? extends ServerChannel> serverChannelType();

    /** Whether a dial can bind a port that a listener holds; hole punching needs it. */
    abstract boolean supportsReusePort();

    /** SO_REUSEADDR and, where the platform has it, SO_REUSEPORT on a listener. */
    abstract void shareListenerPort(ServerBootstrap bootstrap);

    /** A client socket, with both reuse options set before it is bound when {@code sharePort}. */
    abstract Channel newClientChannel(boolean sharePort) throws IOException;

    ChannelFactory<Channel> clientChannels(boolean sharePort) {
        return () -> {
            try {
                return newClientChannel(sharePort);
            } catch (IOException e) {
                throw new ChannelException("cannot open a TCP socket", e);
            }
        };
    }

    static SocketFlavor choose(boolean forceNio) {
        return !forceNio && Epoll.isAvailable() ? EPOLL : NIO;
    }

    private static boolean jdkSupportsReusePort() {
        try (SocketChannel probe = SocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }
}
