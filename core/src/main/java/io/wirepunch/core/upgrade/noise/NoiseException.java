package io.wirepunch.core.upgrade.noise;

import java.io.IOException;

/** A Noise handshake or transport failure; the message says what was wrong with the connection. */
public final class NoiseException extends IOException {
    public NoiseException(String message) {
        super(message);
    }

    public NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
