package io.wirepunch.core.invite;

import java.time.Duration;

/** {@code /wirepunch/invite/1.0.0}: a joiner proves it holds an invitation's secret, and the inviter proves it too. */
public final class InviteProtocol {
    public static final String ID = "/wirepunch/invite/1.0.0";
    /**
     * Largest message read. The largest, an Accepted with a 32-byte MAC and a network at its
     * limits, is under 200 bytes.
     */
    public static final int MAX_MESSAGE_BYTES = 512;
    /**
     * How long each side waits for the other: the inviter for the proof from the moment the stream
     * opens, the joiner for the whole exchange, stream opening included.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InviteProtocol() {}
}
