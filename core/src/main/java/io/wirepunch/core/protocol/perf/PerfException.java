package io.wirepunch.core.protocol.perf;

/** A perf run that did not move the bytes it asked for. */
public final class PerfException extends RuntimeException {
    public PerfException(String message) {
        super(message);
    }
}
