package io.wirepunch.core.upgrade.noise;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One real TCP connection over loopback, each end on its own event loop thread (as two peers
 * would be), with the handlers each side's supplier gives. Epoll when available, as in production.
 */
final class LoopbackConnection implements AutoCloseable {
    /** Room for several full Noise frames, so encryption overlaps with the socket draining. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 512 * 1024);
    private final EventLoopGroup group;
    private final Channel server;
    final Channel dialer;
    final Channel listener;

    LoopbackConnection(Supplier<ChannelHandler[]> dialerHandlers, Supplier<ChannelHandler[]> listenerHandlers)
            throws Exception {
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        Class<? extends ServerSocketChannel> serverType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends SocketChannel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        server = new ServerBootstrap().group(group).channel(serverType)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(listenerHandlers.get());
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        dialer = new Bootstrap().group(group).channel(clientType)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(dialerHandlers.get());
                    }
                })
                .connect(server.localAddress()).sync().channel();
        listener = accepted.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        dialer.close().sync();
        listener.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
