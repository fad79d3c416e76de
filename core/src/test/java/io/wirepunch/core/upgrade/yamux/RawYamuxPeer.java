package io.wirepunch.core.upgrade.yamux;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.SocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven Yamux peer (codec only, no session logic) that writes arbitrary frames or bytes at a
 * session under test and records the headers it gets back.
 */
final class RawYamuxPeer {
    record Seen(YamuxFrameType type, int flags, int streamId, long length) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    final Channel channel;
    final BlockingQueue<Seen> received;

    private RawYamuxPeer(Channel channel, BlockingQueue<Seen> received) {
        this.channel = channel;
        this.received = received;
    }

    static RawYamuxPeer connect(YamuxTestPair pair, SocketAddress address) throws InterruptedException {
        BlockingQueue<Seen> received = new LinkedBlockingQueue<>();
        Channel channel = new Bootstrap().group(pair.group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new YamuxFrameDecoder(Integer.MAX_VALUE), new YamuxFrameEncoder(),
                                new SimpleChannelInboundHandler<YamuxFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, YamuxFrame f) {
                                        received.add(new Seen(f.type(), f.flags(), f.streamId(), f.length()));
                                    }
                                });
                    }
                })
                .connect(address).sync().channel();
        return new RawYamuxPeer(channel, received);
    }

    void send(YamuxFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    void sendBytes(ByteBuf bytes) {
        channel.writeAndFlush(bytes).syncUninterruptibly();
    }

    /** The next frame matching the type, skipping others (such as keepalive pings); null after the timeout. */
    Seen await(YamuxFrameType type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Seen seen = received.poll(left, TimeUnit.NANOSECONDS);
            if (seen != null && seen.type() == type) {
                return seen;
            }
        }
        return null;
    }
}
