package io.wirepunch.core.protocol.ping;

/** A ping that got no matching pong. */
public final class PingException extends RuntimeException {
    public PingException(String message) {
        super(message);
    }
}
