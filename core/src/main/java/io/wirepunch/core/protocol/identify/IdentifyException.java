package io.wirepunch.core.protocol.identify;

/** An identify message that was malformed, too large, late, or not the sender's own. */
public final class IdentifyException extends RuntimeException {
    public IdentifyException(String message) {
        super(message);
    }
}
