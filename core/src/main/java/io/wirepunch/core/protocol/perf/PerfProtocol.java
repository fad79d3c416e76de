package io.wirepunch.core.protocol.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * libp2p perf: the client sends a big-endian u64 (how many bytes it wants back), uploads, and
 * half-closes; the server drains the upload to EOF, then sends the requested bytes and closes.
 */
public final class PerfProtocol {
    public static final String ID = "/perf/1.0.0";
    public static final int HEADER_BYTES = Long.BYTES;
    /** Payload is written in chunks of this size (one Noise frame's worth). */
    public static final int CHUNK_BYTES = 64 * 1024;
    /**
     * The most a client may ask our server to send. The spec allows any u64; a request above this
     * is refused so that one stream cannot keep the node busy indefinitely.
     */
    public static final long MAX_DOWNLOAD_BYTES = 64L * 1024 * 1024 * 1024;

    /** Shared, read-only zeros: payload content does not matter, and a shared buffer costs nothing per chunk. */
    private static final ByteBuf ZEROES = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(CHUNK_BYTES).writeZero(CHUNK_BYTES).asReadOnly());

    private PerfProtocol() {}

    static ByteBuf chunk(long remaining) {
        return ZEROES.retainedSlice(0, (int) Math.min(CHUNK_BYTES, remaining));
    }
}
