package io.wirepunch.core.forward;

/** A forward message that breaks the protocol: a bad length prefix, an unparsable or unknown message. */
public final class ForwardWireException extends RuntimeException {
    public ForwardWireException(String message) {
        super(message);
    }
}
