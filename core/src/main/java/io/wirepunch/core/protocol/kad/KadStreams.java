package io.wirepunch.core.protocol.kad;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.wirepunch.core.protocol.StreamEnds;

/** How kad ends its streams: FIN after the last write when all went well, RST on any error (as the spec asks). */
final class KadStreams {
    private KadStreams() {}

    static void closeGracefully(Channel stream) {
        StreamEnds.closeGracefully(stream);
    }

    static void halfClose(Channel stream) {
        StreamEnds.halfClose(stream);
    }

    static ChannelFuture reset(Channel stream) {
        return StreamEnds.reset(stream);
    }
}
