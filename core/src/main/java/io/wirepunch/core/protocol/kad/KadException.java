package io.wirepunch.core.protocol.kad;

/** A Kademlia message that was malformed or did not answer what was asked. */
public final class KadException extends RuntimeException {
    public KadException(String message) {
        super(message);
    }
}
