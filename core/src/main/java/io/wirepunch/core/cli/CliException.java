package io.wirepunch.core.cli;

/** A failure the CLI reports as one sentence on stderr, with a non-zero exit. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
