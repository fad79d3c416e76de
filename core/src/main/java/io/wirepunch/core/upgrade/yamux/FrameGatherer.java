package io.wirepunch.core.upgrade.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * Collects the payload of one DATA frame from a stream's queued writes without removing them: up to
 * {@code limit} bytes, possibly from several writes, so frames stay full even when write sizes do not
 * match the frame size (64 KiB writes would otherwise leave a 29-byte frame after each full one).
 * Gathering stops after a few writes: many tiny writes are better sent as they are than collected
 * piece by piece.
 */
final class FrameGatherer implements ChannelOutboundBuffer.MessageProcessor {
    /** Most queued writes gathered into one DATA frame. */
    static final int MAX_WRITES = 16;

    private final ByteBufAllocator alloc;
    private final int limit;
    private ByteBuf first;
    private CompositeByteBuf gathered;
    private int taken;
    private int writes;

    /** Up to {@code limit} of the queued bytes as one buffer the caller owns; null when nothing is queued. */
    static ByteBuf gather(ChannelOutboundBuffer queued, ByteBufAllocator alloc, int limit) {
        FrameGatherer gatherer = new FrameGatherer(alloc, limit);
        try {
            queued.forEachFlushedMessage(gatherer);
        } catch (Exception e) {
            // processMessage throws nothing; forEachFlushedMessage merely declares it
            throw new IllegalStateException(e);
        }
        return gatherer.gathered != null ? gatherer.gathered : gatherer.first;
    }

    private FrameGatherer(ByteBufAllocator alloc, int limit) {
        this.alloc = alloc;
        this.limit = limit;
    }

    @Override
    public boolean processMessage(Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        int length = Math.min(buf.readableBytes(), limit - taken);
        if (length > 0) {
            ByteBuf piece = buf.retainedSlice(buf.readerIndex(), length);
            taken += length;
            writes++;
            if (first == null) {
                first = piece;
            } else {
                if (gathered == null) {
                    gathered = alloc.compositeBuffer(MAX_WRITES).addComponent(true, first);
                }
                gathered.addComponent(true, piece);
            }
        }
        return taken < limit && writes < MAX_WRITES;
    }
}
