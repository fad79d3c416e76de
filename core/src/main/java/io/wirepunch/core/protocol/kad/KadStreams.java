package io.wirepunch.core.protocol.kad;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.upgrade.yamux.YamuxStreamChannel;

/** How kad ends its streams: FIN after the last write when all went well, RST on any error (as the spec asks). */
final class KadStreams {
    private KadStreams() {}

    /** Sends FIN once queued writes are out, then closes; the remote sees a clean end. */
    static void closeGracefully(Channel stream) {
        if (stream instanceof DuplexChannel duplex && !duplex.isOutputShutdown()) {
            duplex.shutdownOutput().addListener(f -> stream.close());
        } else {
            stream.close();
        }
    }

    static void halfClose(Channel stream) {
        if (stream instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        }
    }

    /** Aborts the stream; the connection under it stays up. */
    static ChannelFuture reset(Channel stream) {
        return stream instanceof YamuxStreamChannel yamux ? yamux.reset() : stream.close();
    }
}
