package io.wirepunch.core.protocol.dcutr;

import io.netty.handler.codec.DecoderException;

/**
 * A DCUtR message that could not be read (bad length prefix, oversize, not a protobuf) or that
 * breaks the protocol's rules (no known type, too many addresses). The stream it came on is reset.
 */
public final class DcutrWireException extends DecoderException {
    public DcutrWireException(String message) {
        super(message);
    }
}
