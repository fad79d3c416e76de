package io.wirepunch.core.facts;

/** Bytes on a facts stream that are not a facts message within the limits, or a fact that does not open. */
public final class FactWireException extends RuntimeException {
    public FactWireException(String message) {
        super(message);
    }
}
