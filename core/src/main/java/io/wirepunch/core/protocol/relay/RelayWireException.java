package io.wirepunch.core.protocol.relay;

import io.netty.handler.codec.DecoderException;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;

/**
 * A hop or stop message that could not be read, or that says something the protocol does not allow
 * at that point; {@link #status()} is what the relay answers with (MALFORMED_MESSAGE or UNEXPECTED_MESSAGE).
 */
public final class RelayWireException extends DecoderException {
    private final Status status;

    public RelayWireException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
