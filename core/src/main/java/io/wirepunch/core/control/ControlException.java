package io.wirepunch.core.control;

/** The control API could not be served or reached; the message is one sentence for a person. */
public final class ControlException extends RuntimeException {
    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
