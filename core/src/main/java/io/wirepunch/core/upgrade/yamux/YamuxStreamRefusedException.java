package io.wirepunch.core.upgrade.yamux;

import java.io.IOException;

/**
 * A new stream could not be opened: the remote sent GoAway, this side is going away, the
 * connection is closed, or a limit (concurrent streams, unacknowledged streams) was reached.
 */
public final class YamuxStreamRefusedException extends IOException {
    public YamuxStreamRefusedException(String message) {
        super(message);
    }
}
