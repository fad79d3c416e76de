package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;

/**
 * The application layer of a loopback test: sends a byte count as fast as the channel accepts
 * (respecting writability, as a real muxer does) once the connection is secured, and counts and
 * hashes what arrives.
 */
final class BulkTransfer extends ChannelInboundHandlerAdapter {
    static final int CHUNK = 16 * 1024;

    private final long toSend;
    private final long toReceive;
    private final ByteBuf pattern;
    private final MessageDigest sentDigest;
    private final MessageDigest receivedDigest;
    final CompletableFuture<Long> received = new CompletableFuture<>();
    private long sent;
    private long receivedBytes;
    private boolean secured;

    BulkTransfer(long toSend, long toReceive, ByteBuf pattern, boolean hash) {
        this.toSend = toSend;
        this.toReceive = toReceive;
        this.pattern = pattern;
        this.sentDigest = hash ? sha256() : null;
        this.receivedDigest = hash ? sha256() : null;
        if (toReceive == 0) {
            received.complete(0L);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SecureSession) {
            secured = true;
            sendMore(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (secured) {
            sendMore(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void sendMore(ChannelHandlerContext ctx) {
        while (sent < toSend && ctx.channel().isWritable()) {
            int n = (int) Math.min(CHUNK, toSend - sent);
            ByteBuf chunk = pattern.retainedSlice(0, n);
            if (sentDigest != null) {
                sentDigest.update(chunk.nioBuffer());
            }
            sent += n;
            ctx.write(chunk);
            if (sent % (4 * CHUNK) == 0 || sent == toSend) {
                ctx.flush(); // several small writes per flush, as a muxer would produce
            }
        }
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        receivedBytes += buf.readableBytes();
        if (receivedDigest != null) {
            receivedDigest.update(buf.nioBuffer());
        }
        buf.release();
        if (receivedBytes >= toReceive) {
            received.complete(receivedBytes);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        received.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        received.completeExceptionally(new IllegalStateException("closed after " + receivedBytes + " bytes"));
        ctx.fireChannelInactive();
    }

    byte[] sentHash() {
        return sentDigest.digest();
    }

    byte[] receivedHash() {
        return receivedDigest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
