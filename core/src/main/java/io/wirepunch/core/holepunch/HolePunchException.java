package io.wirepunch.core.holepunch;

/** A hole punch could not go on: nothing to dial, every dial failed, or the node stopped. */
public final class HolePunchException extends RuntimeException {
    public HolePunchException(String message) {
        super(message);
    }
}
