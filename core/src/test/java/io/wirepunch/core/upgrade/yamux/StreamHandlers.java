package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;

import java.io.ByteArrayOutputStream;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Stream-side handlers shared by the session tests and the tests of protocols over streams. */
public final class StreamHandlers {
    private StreamHandlers() {
    }

    static ChannelHandler initializer(Consumer<Channel> setup) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                setup.accept(ch);
            }
        };
    }

    /** Writes back whatever arrives; after the remote's FIN, sends its own FIN. */
    public static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.flush();
                ((DuplexChannel) ctx.channel()).shutdownOutput();
            }
        }
    }

    /** Gathers everything a stream receives, and completes when the remote's FIN was delivered. */
    public static final class Collector extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        public final CompletableFuture<byte[]> finished = new CompletableFuture<>();
        final Queue<Object> events = new ConcurrentLinkedQueue<>();
        volatile int received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            synchronized (bytes) {
                received += buf.readableBytes();
                byte[] chunk = new byte[buf.readableBytes()];
                buf.readBytes(chunk);
                bytes.writeBytes(chunk);
            }
            buf.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            if (evt instanceof ChannelInputShutdownReadComplete) {
                synchronized (bytes) {
                    finished.complete(bytes.toByteArray());
                }
            }
        }

        byte[] snapshot() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }

    /** Counts what arrives; after the remote's FIN, answers with the count (8 bytes) and its own FIN. */
    static final class Counter extends ChannelInboundHandlerAdapter {
        private long count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownReadComplete) {
                ctx.writeAndFlush(ctx.alloc().buffer(8).writeLong(count));
                ((DuplexChannel) ctx.channel()).shutdownOutput();
            }
        }
    }

    /** Sends {@code total} bytes as fast as the stream's writability allows, then FIN; reads back a count. */
    static final class Sender extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Long> remoteCount = new CompletableFuture<>();
        private final long total;
        private final int chunkSize;
        private ByteBuf chunk;
        private ByteBuf reply;
        private long written;

        Sender(long total, int chunkSize) {
            this.total = total;
            this.chunkSize = chunkSize;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            chunk = ctx.alloc().directBuffer(chunkSize).writeZero(chunkSize);
            reply = ctx.alloc().buffer(8);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            chunk.release();
            reply.release();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            reply.writeBytes(buf, Math.min(buf.readableBytes(), reply.writableBytes()));
            buf.release();
            if (reply.readableBytes() == 8) {
                remoteCount.complete(reply.getLong(0));
            }
        }

        private void pump(ChannelHandlerContext ctx) {
            if (written >= total) {
                return;
            }
            while (ctx.channel().isWritable() && written < total) {
                int length = (int) Math.min(chunkSize, total - written);
                ctx.write(chunk.retainedSlice(0, length));
                written += length;
            }
            ctx.flush();
            if (written >= total) {
                ((DuplexChannel) ctx.channel()).shutdownOutput();
            }
        }
    }
}
