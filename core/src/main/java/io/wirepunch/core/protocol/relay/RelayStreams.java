package io.wirepunch.core.protocol.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** How a stream passes from its hop/stop handlers to what it carries next. */
final class RelayStreams {
    private RelayStreams() {}

    /**
     * On the stream's event loop: removes the handler that read the hop or stop message, lets
     * {@code install} add what the stream carries from now on, then removes the decoder, which hands
     * the bytes that followed the message to the new handlers, and reads again.
     */
    static void handOver(Channel stream, ChannelHandler messageHandler, Runnable install) {
        Runnable run = () -> {
            if (stream.pipeline().context(messageHandler) != null) {
                stream.pipeline().remove(messageHandler);
            }
            install.run();
            RelayMessageDecoder<?> decoder = stream.pipeline().get(RelayMessageDecoder.class);
            if (decoder != null) {
                stream.pipeline().remove(decoder);
            }
            stream.config().setAutoRead(true);
        };
        if (stream.eventLoop().inEventLoop()) {
            run.run();
        } else {
            stream.eventLoop().execute(run);
        }
    }
}
