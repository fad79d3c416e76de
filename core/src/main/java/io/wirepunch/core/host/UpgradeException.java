package io.wirepunch.core.host;

/** A connection that could not be secured and multiplexed; the message says at which step. */
public final class UpgradeException extends RuntimeException {
    public UpgradeException(String message) {
        super(message);
    }

    public UpgradeException(String message, Throwable cause) {
        super(message, cause);
    }
}
