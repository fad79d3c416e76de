package io.wirepunch.core.upgrade.multistream;

import io.netty.channel.ChannelHandlerContext;

/** Told once how a multistream-select negotiation ended; always called on the channel's event loop. */
public interface MultistreamListener {

    /**
     * A protocol was agreed. Called synchronously before the multistream handler leaves the
     * pipeline: add the handlers for {@code protocol} after {@code ctx.name()} here. Bytes the
     * remote sent after the final multistream message are handed to them once this returns.
     * An exception thrown here fails the negotiation and closes the channel.
     */
    void selected(ChannelHandlerContext ctx, String protocol) throws Exception;

    /** The negotiation failed; the channel is being closed. Usually a {@link MultistreamException}. */
    void failed(Throwable cause);
}
