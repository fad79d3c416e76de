package io.wirepunch.core.protocol.relay;

import java.time.Duration;

/** Circuit relay v2 on the wire: protocol ids, the message size limit and the handshake deadlines. */
public final class RelayProtocol {
    /** Spoken by clients to the relay: reservations and circuit requests. */
    public static final String HOP_ID = "/libp2p/circuit/relay/0.2.0/hop";
    /** Spoken by the relay to the peer a circuit ends at. */
    public static final String STOP_ID = "/libp2p/circuit/relay/0.2.0/stop";
    /**
     * Largest hop or stop message, 4 KiB: go-libp2p reads both with a delimited reader limited to its
     * maxMessageSize of 4096 bytes, so a message above it would be refused by go peers anyway, and no
     * relay stream can make us buffer more than this before it is answered.
     */
    public static final int MAX_MESSAGE_BYTES = 4096;
    /**
     * How long the first message of a hop or stop stream, and the answer to one we sent, may take
     * (js-libp2p's hop timeout is 30 s as well).
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private RelayProtocol() {}
}
