package io.wirepunch.core.host;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * A relayed connection runs over a stream, which can be half-closed; a connection cannot. When the
 * remote (or the relay) ends its side, the connection is over, as a TCP socket's would be.
 */
final class CloseOnEndOfInput extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }
}
