package io.wirepunch.core.upgrade.yamux;

import io.netty.handler.codec.DecoderException;

/**
 * The remote broke the Yamux protocol; the session answers with a GoAway carrying the
 * protocol-error code and closes the connection.
 */
public final class YamuxProtocolException extends DecoderException {
    public YamuxProtocolException(String message) {
        super(message);
    }
}
