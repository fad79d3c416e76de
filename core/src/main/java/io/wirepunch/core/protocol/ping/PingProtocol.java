package io.wirepunch.core.protocol.ping;

import java.time.Duration;

/** libp2p ping: the dialler sends 32 random bytes, the listener echoes them; RTT is the round trip. */
public final class PingProtocol {
    public static final String ID = "/ipfs/ping/1.0.0";
    public static final int PAYLOAD_BYTES = 32;
    /** A ping stream with no ping for this long is closed (matches go-libp2p's idle behaviour). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** One ping waits at most this long for its echo. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    private PingProtocol() {}
}
