package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;

/**
 * A reservation or circuit that did not come about. {@link #status()} is the relay's (or the
 * target's) answer when there was one, CONNECTION_FAILED when the stream itself failed.
 */
public final class RelayException extends RuntimeException {
    private final Status status;

    public RelayException(Status status, String message) {
        super(message + " (" + status + ")");
        this.status = status;
    }

    public RelayException(Status status, String message, Throwable cause) {
        super(message + " (" + status + ")", cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
