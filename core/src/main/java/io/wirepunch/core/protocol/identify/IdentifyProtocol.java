package io.wirepunch.core.protocol.identify;

import java.time.Duration;

/** Identify: each side tells the other who it is, where it listens, what it speaks, and where it sees it. */
public final class IdentifyProtocol {
    public static final String ID = "/ipfs/id/1.0.0";
    public static final String PUSH_ID = "/ipfs/id/push/1.0.0";
    public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
    /** Largest identify message accepted (the size js-libp2p and go-libp2p also use). */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;
    /**
     * Messages one identify stream may carry: a sender may split a large identify (a signed peer
     * record beside many addresses) over several, which the reader merges; go-libp2p reads at most 10.
     */
    public static final int MAX_MESSAGES = 10;
    /** How long the remote has, from the stream's start, to send its identify and end its side. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private IdentifyProtocol() {}
}
