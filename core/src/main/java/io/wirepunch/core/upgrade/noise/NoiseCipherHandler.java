package io.wirepunch.core.upgrade.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.PromiseNotifier;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise transport phase. Inbound: each frame from {@link NoiseFrameDecoder} is authenticated and
 * decrypted into a fresh heap buffer. Outbound: writes are queued and coalesced into frames of up
 * to 65519 plaintext bytes, each encrypted straight into its length-prefixed output buffer.
 * Coalescing matters because every frame costs a cipher re-init and 18 bytes. A full frame is
 * encrypted and passed on as soon as its bytes are queued, not at flush: the connection's outbound
 * buffer then counts them, so its writability limits what piles up, and a large flush does not
 * encrypt megabytes in one go while the peer waits for the first byte.
 */
final class NoiseCipherHandler extends ChannelDuplexHandler {
    static final int MAX_PLAINTEXT = NoiseFrameDecoder.MAX_MESSAGE_LENGTH - CipherState.TAG_LENGTH;

    /** One per event-loop thread: staging for direct or scattered bytes, never held across calls. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[NoiseFrameDecoder.MAX_MESSAGE_LENGTH];
        }
    };

    private final CipherState sender;
    private final CipherState receiver;
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean failed;

    private record PendingWrite(ByteBuf data, ChannelPromise promise) {}

    NoiseCipherHandler(CipherState sender, CipherState receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            frame.release();
            return;
        }
        ByteBuf plaintext;
        try {
            plaintext = decrypt(ctx, frame);
        } catch (NoiseException e) {
            fail(ctx, e);
            return;
        } finally {
            frame.release();
        }
        if (plaintext.isReadable()) {
            ctx.fireChannelRead(plaintext);
        } else {
            plaintext.release(); // an empty message is legal and carries nothing
        }
    }

    private ByteBuf decrypt(ChannelHandlerContext ctx, ByteBuf frame) throws NoiseException {
        int length = frame.readableBytes();
        if (length < CipherState.TAG_LENGTH) {
            throw new NoiseException("transport message of " + length + " bytes is shorter than the 16-byte tag");
        }
        byte[] in;
        int inOffset;
        if (frame.hasArray()) {
            in = frame.array();
            inOffset = frame.arrayOffset() + frame.readerIndex();
        } else {
            in = SCRATCH.get();
            inOffset = 0;
            frame.getBytes(frame.readerIndex(), in, 0, length);
        }
        ByteBuf out = ctx.alloc().heapBuffer(length - CipherState.TAG_LENGTH);
        try {
            int written = receiver.decrypt(null, in, inOffset, length, out.array(),
                    out.arrayOffset() + out.writerIndex());
            out.writerIndex(out.writerIndex() + written);
            return out;
        } catch (NoiseException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException(
                    "Noise transport carries ByteBufs only, got " + msg.getClass().getName()));
            return;
        }
        if (failed) {
            data.release();
            promise.setFailure(new ClosedChannelException());
            return;
        }
        pending.add(new PendingWrite(data, promise));
        pendingBytes += data.readableBytes();
        try {
            while (pendingBytes >= MAX_PLAINTEXT) {
                writeFrame(ctx, nextFrameLength());
            }
        } catch (NoiseException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        try {
            while (pendingBytes > 0) {
                writeFrame(ctx, nextFrameLength());
            }
        } catch (NoiseException e) {
            fail(ctx, e);
            return;
        }
        PendingWrite empty;
        while ((empty = pending.poll()) != null) {
            // only empty writes remain; pass them on so their promises complete in order
            ctx.write(empty.data(), empty.promise());
        }
        ctx.flush();
    }

    /**
     * How many queued bytes the next frame takes. A write that no longer fits in the frame but would
     * fit in one of its own starts the next frame instead of straddling two: the peer's decoder above
     * can then use each decrypted frame as it is (a Yamux frame sized to one Noise frame arrives whole)
     * instead of copying the pieces together. A write larger than a frame fills the frame.
     */
    private int nextFrameLength() {
        int length = 0;
        for (PendingWrite write : pending) {
            int size = write.data().readableBytes();
            int room = MAX_PLAINTEXT - length;
            if (size <= room) {
                length += size;
            } else {
                return length > 0 && size <= MAX_PLAINTEXT ? length : MAX_PLAINTEXT;
            }
        }
        return length;
    }

    /** Encrypts the next {@code length} queued bytes into one frame and writes it. */
    private void writeFrame(ChannelHandlerContext ctx, int length) throws NoiseException {
        ByteBuf head = pending.peek().data();
        // A large heap write is encrypted straight from its own array; anything else is staged.
        boolean inPlace = head.hasArray() && head.readableBytes() >= length;
        byte[] in = inPlace ? head.array() : SCRATCH.get();
        int inOffset = inPlace ? head.arrayOffset() + head.readerIndex() : 0;

        List<PendingWrite> done = new ArrayList<>(1);
        int staged = 0;
        while (!pending.isEmpty()) {
            ByteBuf data = pending.peek().data();
            int take = Math.min(length - staged, data.readableBytes());
            if (!inPlace) {
                data.getBytes(data.readerIndex(), in, staged, take);
            }
            data.skipBytes(take);
            staged += take;
            if (data.isReadable()) {
                break; // the frame is full; the rest of this write starts the next frame
            }
            done.add(pending.poll());
        }
        pendingBytes -= length;

        ByteBuf frame = ctx.alloc().heapBuffer(NoiseFrameDecoder.LENGTH_FIELD_BYTES + length + CipherState.TAG_LENGTH);
        try {
            frame.writeShort(length + CipherState.TAG_LENGTH);
            int written = sender.encrypt(null, in, inOffset, length, frame.array(),
                    frame.arrayOffset() + frame.writerIndex());
            frame.writerIndex(frame.writerIndex() + written);
        } catch (NoiseException | RuntimeException e) {
            frame.release();
            for (PendingWrite write : done) {
                write.data().release();
                write.promise().tryFailure(e);
            }
            throw e;
        }
        for (PendingWrite write : done) {
            write.data().release(); // only now: an in-place source must outlive the encryption
        }
        if (done.size() == 1) {
            ctx.write(frame, done.get(0).promise());
        } else {
            ChannelFuture written = ctx.write(frame);
            if (!done.isEmpty()) {
                ChannelPromise[] promises = new ChannelPromise[done.size()];
                for (int i = 0; i < promises.length; i++) {
                    promises[i] = done.get(i).promise();
                }
                written.addListener(new PromiseNotifier<>(false, promises));
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, NoiseException cause) {
        if (failed) {
            return;
        }
        failed = true;
        releasePending(cause);
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending(new ClosedChannelException());
    }

    private void releasePending(Throwable cause) {
        PendingWrite write;
        while ((write = pending.poll()) != null) {
            write.data().release();
            write.promise().tryFailure(cause);
        }
        pendingBytes = 0;
    }
}
