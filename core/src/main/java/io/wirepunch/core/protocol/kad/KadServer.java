package io.wirepunch.core.protocol.kad;

import io.wirepunch.core.host.Host;

/**
 * Server mode: answers kad streams under one protocol id with a {@link KadRequestHandler}. Starting
 * and stopping registers and unregisters the protocol, so identify tells peers when the mode changes.
 */
public final class KadServer {
    private final Host host;
    private final String protocolId;
    private final KadRequestHandler handler;

    public KadServer(Host host, String protocolId, KadRequestHandler handler) {
        this.host = host;
        this.protocolId = protocolId;
        this.handler = handler;
    }

    public void start() {
        host.protocols().register(protocolId, stream ->
                KadResponder.install(stream.channel(), stream.remotePeer(), handler));
    }

    /** New streams are refused from now on; streams already open finish their requests. */
    public void stop() {
        host.protocols().unregister(protocolId);
    }

    public String protocolId() {
        return protocolId;
    }
}
