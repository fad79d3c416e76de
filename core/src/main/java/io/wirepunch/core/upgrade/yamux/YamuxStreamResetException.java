package io.wirepunch.core.upgrade.yamux;

import java.io.IOException;

/** A stream ended abruptly: the remote sent RST, or this side reset it (for example on a window overrun). */
public final class YamuxStreamResetException extends IOException {
    public YamuxStreamResetException(String message) {
        super(message);
    }
}
