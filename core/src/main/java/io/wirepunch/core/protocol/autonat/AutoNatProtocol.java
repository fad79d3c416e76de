package io.wirepunch.core.protocol.autonat;

import java.time.Duration;

/** AutoNAT v1: ask a peer to dial us back, to learn whether we can be reached from outside. */
public final class AutoNatProtocol {
    public static final String ID = "/libp2p/autonat/1.0.0";
    /**
     * Largest message accepted. A DIAL carries a peer id and our addresses; go-libp2p's client
     * reads answers up to 4 KiB, and 8 KiB leaves room for a requester with many addresses.
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;
    /** Addresses of one DIAL that are read; the rest are ignored (a server dials only a few anyway). */
    public static final int MAX_ADDRS_READ = 64;
    /** Longest status text kept from an answer; a peer's prose is for logs, not for memory. */
    public static final int MAX_STATUS_TEXT_CHARS = 256;
    /** The requester must send its DIAL within this long of opening the stream. */
    public static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a client waits for the answer, stream opening included (go-libp2p and js-libp2p use
     * 30 s); longer than the server's dial-back deadline, so a slow dial-back still gets its answer.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private AutoNatProtocol() {}
}
