package io.wirepunch.core.host;

import io.netty.channel.Channel;

/**
 * One negotiated stream: its Netty channel (a Yamux stream), the protocol both sides agreed on,
 * and the connection that carries it.
 */
public record Stream(Channel channel, String protocol, Connection connection) {

    public io.wirepunch.core.identity.PeerId remotePeer() {
        return connection.remotePeer();
    }
}
