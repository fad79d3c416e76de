package io.wirepunch.core.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.forward.pb.ForwardProtos.ForwardResponse;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.upgrade.yamux.YamuxStreamChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A forward stream driven byte by byte from a test: what it sends is up to the test. */
final class RawStream extends ChannelInboundHandlerAdapter {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<Boolean> closedWithReset = new CompletableFuture<>();
    private Channel channel;

    static RawStream open(Connection connection) throws Exception {
        RawStream raw = new RawStream();
        connection.newStream(s -> {
            raw.channel = s.channel();
            s.channel().closeFuture().addListener(f ->
                    raw.closedWithReset.complete(((YamuxStreamChannel) s.channel()).isReset()));
            s.channel().pipeline().addLast(raw);
            s.channel().config().setAutoRead(true);
        }, ForwardProtocol.ID).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return raw;
    }

    void send(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    void sendRequest(int port) {
        channel.writeAndFlush(ForwardWire.request(channel.alloc(), port));
    }

    void finish() {
        ((DuplexChannel) channel).shutdownOutput();
    }

    void reset() {
        ((YamuxStreamChannel) channel).reset();
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    /** Waits for a whole length-prefixed answer and parses it. */
    ForwardResponse response() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            byte[] got = received();
            if (got.length > 0) {
                try {
                    Varint.Decoded length = Varint.decode(got, 0);
                    if (got.length >= length.size() + length.value()) {
                        return ForwardResponse.parseFrom(Arrays.copyOfRange(got, length.size(),
                                (int) (length.size() + length.value())));
                    }
                } catch (IllegalArgumentException e) {
                    // the prefix is not complete yet
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no answer within 10 s; got " + received().length + " bytes");
    }

    @Override
    public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            received.writeBytes(bytes);
        } finally {
            b.release();
        }
    }
}
