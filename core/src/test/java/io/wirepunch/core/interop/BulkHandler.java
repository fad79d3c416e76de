package io.wirepunch.core.interop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Our side of the js peer's bulk test protocol: the dialler sends an 8-byte big-endian N and then
 * pattern bytes until it half-closes; the responder sends N pattern bytes back while reading.
 * Both directions run at once, under Yamux flow control; what was read is hashed for comparison.
 */
final class BulkHandler extends ChannelInboundHandlerAdapter {
    private static final int CHUNK = 32 * 1024;

    record Outcome(long received, String sha256) {}

    private final boolean dialler;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final MessageDigest digest;
    private final byte[] header = new byte[8];
    private int headerBytes;
    private long toSend = -1;
    private long sent;
    private long received;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean sendDone;
    private ChannelFuture fin;
    private boolean finSent;
    private boolean inputDone;

    private BulkHandler(boolean dialler, long bytes) throws Exception {
        this.dialler = dialler;
        this.digest = MessageDigest.getInstance("SHA-256");
        if (dialler) {
            toSend = bytes;
        }
    }

    static BulkHandler dialler(long bytes) throws Exception {
        return new BulkHandler(true, bytes);
    }

    static BulkHandler responder() throws Exception {
        return new BulkHandler(false, 0);
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (dialler) {
            ctx.write(Unpooled.copyLong(toSend));
            pump(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!dialler && headerBytes < header.length) {
                int n = Math.min(buf.readableBytes(), header.length - headerBytes);
                buf.readBytes(header, headerBytes, n);
                headerBytes += n;
                if (headerBytes == header.length) {
                    toSend = java.nio.ByteBuffer.wrap(header).getLong();
                    pump(ctx);
                }
            }
            received += buf.readableBytes();
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            digest.update(bytes);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Writes pattern chunks while the stream is writable, then half-closes. A write or flush can fire
     * channelWritabilityChanged synchronously and so re-enter here; the nested call only asks the
     * running loop to go round again, so every chunk is written once and at its own offset.
     */
    private void pump(ChannelHandlerContext ctx) {
        if (toSend < 0 || sendDone) {
            return;
        }
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                while (sent < toSend && ctx.channel().isWritable()) {
                    int n = (int) Math.min(CHUNK, toSend - sent);
                    long offset = sent;
                    sent += n;
                    ctx.write(Unpooled.wrappedBuffer(JsPeer.pattern(offset, n)));
                }
                ctx.flush();
            } while (pumpAgain && sent < toSend);
        } finally {
            pumping = false;
        }
        if (sent == toSend) {
            sendDone = true;
            // FIN leaves after every queued chunk; only then is this side's output finished.
            fin = ((DuplexChannel) ctx.channel()).shutdownOutput();
            fin.addListener(f -> {
                if (f.isSuccess()) {
                    finSent = true;
                    maybeFinish(ctx);
                } else {
                    outcome.completeExceptionally(f.cause());
                }
            });
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputDone = true;
            maybeFinish(ctx);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void maybeFinish(ChannelHandlerContext ctx) {
        if (inputDone && finSent && !outcome.isDone()) {
            outcome.complete(new Outcome(received, HexFormat.of().formatHex(digest.digest())));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A stream closes itself once both directions finished, possibly before the FIN listener ran.
        if (fin != null && fin.isSuccess()) {
            finSent = true;
            maybeFinish(ctx);
        }
        outcome.completeExceptionally(new IllegalStateException(
                "bulk stream " + ctx.channel() + " closed after " + received + " bytes read, " + sent
                        + " sent; input finished " + inputDone + ", FIN sent " + finSent
                        + (ctx.channel() instanceof io.wirepunch.core.upgrade.yamux.YamuxStreamChannel y && y.isReset()
                                ? ", reset" : "")));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        outcome.completeExceptionally(cause);
        ctx.close();
    }
}
