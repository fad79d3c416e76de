package io.wirepunch.core.upgrade.yamux;

import java.io.IOException;

/** A write was refused because it would exceed a stream's outbound queue limit. */
public final class YamuxLimitExceededException extends IOException {
    public YamuxLimitExceededException(String message) {
        super(message);
    }
}
