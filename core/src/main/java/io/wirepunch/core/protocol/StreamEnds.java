package io.wirepunch.core.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.wirepunch.core.upgrade.yamux.YamuxStreamChannel;

/** How request/response protocols end their streams: FIN after the last write when all went well, RST on any error. */
public final class StreamEnds {
    private StreamEnds() {}

    /** Sends FIN once queued writes are out, then closes; the remote sees a clean end. */
    public static void closeGracefully(Channel stream) {
        if (stream instanceof DuplexChannel duplex && !duplex.isOutputShutdown()) {
            duplex.shutdownOutput().addListener(f -> stream.close());
        } else {
            stream.close();
        }
    }

    /** Ends our side (FIN) and keeps reading: the request is out, the answer is still to come. */
    public static void halfClose(Channel stream) {
        if (stream instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        }
    }

    /** Aborts the stream; the connection under it stays up. */
    public static ChannelFuture reset(Channel stream) {
        return stream instanceof YamuxStreamChannel yamux ? yamux.reset() : stream.close();
    }
}
