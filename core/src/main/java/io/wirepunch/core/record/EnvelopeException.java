package io.wirepunch.core.record;

/** A signed envelope that does not parse, is too large, is of another type or does not verify. */
public final class EnvelopeException extends RuntimeException {
    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
