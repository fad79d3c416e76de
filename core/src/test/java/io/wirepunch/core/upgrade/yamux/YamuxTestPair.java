package io.wirepunch.core.upgrade.yamux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Two Yamux sessions over a loopback TCP connection, without encryption. */
final class YamuxTestPair implements AutoCloseable {
    final EventLoopGroup group;
    final Channel serverListener;
    final Channel client;
    final Channel server;
    final YamuxMultiplexer clientMux;
    final YamuxMultiplexer serverMux;

    private YamuxTestPair(EventLoopGroup group, Channel serverListener, Channel client, Channel server) {
        this.group = group;
        this.serverListener = serverListener;
        this.client = client;
        this.server = server;
        this.clientMux = YamuxMultiplexer.of(client);
        this.serverMux = YamuxMultiplexer.of(server);
    }

    static YamuxTestPair start(YamuxConfig config, ChannelHandler serverStreams, ChannelHandler clientStreams)
            throws Exception {
        return start(config, config, serverStreams, clientStreams);
    }

    static YamuxTestPair start(YamuxConfig clientConfig, YamuxConfig serverConfig, ChannelHandler serverStreams,
                               ChannelHandler clientStreams) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(2);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new YamuxMultiplexer(false, serverConfig, serverStreams));
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new YamuxMultiplexer(true, clientConfig, clientStreams));
                    }
                })
                .connect(listener.localAddress()).sync().channel();
        return new YamuxTestPair(group, listener, client, accepted.get(5, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        client.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        serverListener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
