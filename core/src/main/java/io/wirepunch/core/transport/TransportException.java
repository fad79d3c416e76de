package io.wirepunch.core.transport;

import java.io.IOException;

/** A listen or dial that failed; the message names the addresses and the cause in one sentence. */
public final class TransportException extends IOException {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
