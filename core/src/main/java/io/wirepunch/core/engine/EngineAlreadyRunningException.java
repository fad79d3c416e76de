package io.wirepunch.core.engine;

import java.nio.file.Path;

/** A node already answers on the user's control socket: one node per user. */
public final class EngineAlreadyRunningException extends RuntimeException {
    private final Path socket;

    public EngineAlreadyRunningException(Path socket) {
        super("a Wirepunch node is already running for this user (control socket " + socket + ")");
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }
}
