package io.wirepunch.core.forward;

import java.time.Duration;

/**
 * {@code /wirepunch/forward/1.0.0}: one TCP connection per stream. The opener sends a length-prefixed
 * {@code ForwardRequest} naming a port, the server answers a length-prefixed {@code ForwardResponse};
 * after OK the stream carries raw bytes both ways, FIN for end of input. See docs/FORWARD.md.
 */
public final class ForwardProtocol {
    public static final String ID = "/wirepunch/forward/1.0.0";
    /** Longest request body; a longer length prefix resets the stream before any body byte is read. */
    public static final int MAX_REQUEST_BYTES = 64;
    /** Longest response body (the status and a short text); a longer one closes the stream. */
    public static final int MAX_RESPONSE_BYTES = 512;
    /** Streams one peer may have forwarding on the serving side at once, connecting ones included. */
    public static final int MAX_FORWARDS_PER_PEER = 64;
    /**
     * How long the server waits for the request, and the opener for the answer. The server's
     * connect to the local port is bounded by the same time.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Lowest and highest port a request may name. */
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    private ForwardProtocol() {}

    /** Whether {@code port} is a TCP port a request may name. */
    public static boolean validPort(long port) {
        return port >= MIN_PORT && port <= MAX_PORT;
    }
}
