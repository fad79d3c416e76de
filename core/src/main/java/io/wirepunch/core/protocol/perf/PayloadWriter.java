package io.wirepunch.core.protocol.perf;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Writes a number of payload bytes to a stream as fast as its flow control allows: it writes while
 * the channel is writable and resumes on the next writability change, so nothing piles up in memory.
 */
final class PayloadWriter {
    private final Channel channel;
    private final Runnable onDone;
    private long remaining;
    private boolean done;
    private boolean writing;

    PayloadWriter(Channel channel, long bytes, Runnable onDone) {
        this.channel = channel;
        this.remaining = bytes;
        this.onDone = onDone;
    }

    /** Writes as much as the channel takes now; call again when it becomes writable. */
    void resume() {
        // A write or flush can change writability and so call back in here (through the handler's
        // channelWritabilityChanged). The outer call carries on instead: otherwise the inner call could
        // finish and half-close behind this call's last write, and the outer one would run onDone again.
        if (done || writing) {
            return;
        }
        writing = true;
        try {
            ChannelFuture last = null;
            do {
                boolean wrote = false;
                while (remaining > 0 && channel.isWritable()) {
                    var chunk = PerfProtocol.chunk(remaining);
                    remaining -= chunk.readableBytes();
                    last = channel.write(chunk);
                    last.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                    wrote = true;
                }
                if (wrote) {
                    channel.flush();
                }
            } while (remaining > 0 && channel.isWritable());
            if (remaining == 0) {
                done = true;
                // Half-closing before the last write left would discard it, so wait for it.
                if (last == null) {
                    onDone.run();
                } else {
                    last.addListener(f -> {
                        if (f.isSuccess()) {
                            onDone.run();
                        }
                    });
                }
            }
        } finally {
            writing = false;
        }
    }

    long remaining() {
        return remaining;
    }
}
