package io.wirepunch.core.testutil;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain loopback TCP connection whose two ends run given handlers, with half-closure allowed so
 * that a FIN arrives as an input-shutdown event, as it does on a multiplexed stream.
 */
public final class TcpPair implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final Channel server;
    public final Channel client;
    public final CompletableFuture<Channel> accepted = new CompletableFuture<>();

    public TcpPair(ChannelHandler serverHandler, ChannelHandler clientHandler) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (serverHandler != null) {
                            ch.pipeline().addLast(serverHandler);
                        }
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(clientHandler != null ? clientHandler : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {}
                })
                .connect(server.localAddress()).sync().channel();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
