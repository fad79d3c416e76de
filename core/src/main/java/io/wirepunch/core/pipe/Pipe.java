package io.wirepunch.core.pipe;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joins a local input and output to one pipe stream: what {@code in} yields goes to the remote,
 * what the remote sends goes to {@code out}, byte for byte. The end of {@code in} half-closes the
 * stream (FIN); the remote's FIN ends {@code out}'s feed. {@link #done()} completes once both
 * directions are finished, or fails when the stream breaks. Blocking I/O on {@code in} and
 * {@code out} runs on two threads of its own; neither ever blocks the event loop, and both
 * directions keep to bounded memory (the stream stops reading above
 * {@link PipeProtocol#MAX_BUFFERED_BYTES}; writes wait while the stream is not writable).
 */
public final class Pipe extends ChannelInboundHandlerAdapter {
    private static final Object END = new Object();

    private final Channel stream;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final CompletableFuture<Void> inbound = new CompletableFuture<>();
    private final CompletableFuture<Void> outbound = new CompletableFuture<>();
    private final Object writable = new Object();
    private final AtomicBoolean remoteFinished = new AtomicBoolean();
    /** Set once the writer has stopped; guarded by {@code received}, so no buffer is queued after it drained. */
    private boolean writerStopped;

    private Pipe(Channel stream, InputStream in, OutputStream out) {
        this.stream = stream;
        this.in = in;
        this.out = out;
    }

    /** Installs the pipe on a negotiated stream and starts both directions. */
    public static Pipe start(Channel stream, InputStream in, OutputStream out) {
        Pipe p = new Pipe(stream, in, out);
        stream.config().setAutoRead(true);
        stream.pipeline().addLast(p);
        Thread sender = new Thread(p::send, "wirepunch-pipe-send");
        sender.setDaemon(true);
        sender.start();
        Thread writer = new Thread(p::write, "wirepunch-pipe-write");
        writer.setDaemon(true);
        writer.start();
        stream.closeFuture().addListener(f -> {
            p.received.add(END);
            p.outbound.completeExceptionally(new IOException("the pipe stream closed before all input was sent"));
            synchronized (p.writable) {
                p.writable.notifyAll();
            }
        });
        return p;
    }

    /** Completes when both directions are done: our input sent and FIN'd, the remote's written out. */
    public CompletionStage<Void> done() {
        return CompletableFuture.allOf(inbound, outbound).whenComplete((v, e) -> stream.close());
    }

    public long bytesSent() {
        return sent.get();
    }

    public long bytesReceived() {
        return receivedBytes.get();
    }

    private void send() {
        byte[] buf = new byte[PipeProtocol.CHUNK_BYTES];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n == 0) {
                    continue;
                }
                awaitWritable();
                if (!stream.isActive()) {
                    throw new IOException("the pipe stream closed");
                }
                ByteBuf chunk = stream.alloc().buffer(n).writeBytes(buf, 0, n);
                stream.writeAndFlush(chunk);
                sent.addAndGet(n);
            }
            if (stream instanceof DuplexChannel duplex) {
                // The listener goes on before the FIN is asked for: added afterwards, it would be told on a
                // later turn of the event loop, after a close that both FINs allow, which would read as a failure.
                ChannelPromise fin = stream.newPromise();
                fin.addListener(f -> {
                    if (f.isSuccess()) {
                        outbound.complete(null);
                    } else {
                        outbound.completeExceptionally(f.cause());
                    }
                });
                duplex.shutdownOutput(fin);
            } else {
                outbound.complete(null);
            }
        } catch (IOException | InterruptedException e) {
            outbound.completeExceptionally(e);
            stream.close();
        }
    }

    private void awaitWritable() throws InterruptedException {
        synchronized (writable) {
            while (stream.isActive() && !stream.isWritable()) {
                writable.wait(100);
            }
        }
    }

    private void write() {
        try {
            while (true) {
                Object next = received.take();
                if (next == END) {
                    break;
                }
                ByteBuf b = (ByteBuf) next;
                try {
                    int n = b.readableBytes();
                    b.readBytes(out, n);
                    receivedBytes.addAndGet(n);
                    if (buffered.addAndGet(-n) < PipeProtocol.MAX_BUFFERED_BYTES / 2 && !stream.config().isAutoRead()) {
                        stream.config().setAutoRead(true);
                    }
                } finally {
                    b.release();
                }
            }
            out.flush();
            if (remoteFinished.get()) {
                inbound.complete(null);
            } else {
                inbound.completeExceptionally(new IOException("the pipe stream closed before the remote finished"));
            }
        } catch (IOException | InterruptedException e) {
            inbound.completeExceptionally(e);
            stream.close();
        } finally {
            synchronized (received) {
                writerStopped = true;
                Object left;
                while ((left = received.poll()) != null) {
                    if (left instanceof ByteBuf b) {
                        b.release();
                    }
                }
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf b)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int n = b.readableBytes();
        synchronized (received) {
            if (writerStopped) {
                // Nobody will write it out any more: the local output failed or the pipe ended.
                b.release();
                return;
            }
            if (buffered.addAndGet(n) >= PipeProtocol.MAX_BUFFERED_BYTES) {
                ctx.channel().config().setAutoRead(false);
            }
            received.add(b);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            remoteFinished.set(true);
            received.add(END);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        synchronized (writable) {
            writable.notifyAll();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        inbound.completeExceptionally(cause);
        outbound.completeExceptionally(cause);
        ctx.close();
    }
}
