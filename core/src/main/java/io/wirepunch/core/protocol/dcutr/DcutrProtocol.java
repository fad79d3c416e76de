package io.wirepunch.core.protocol.dcutr;

import java.time.Duration;

/** DCUtR on the wire: the protocol id, the message limits and the stream deadline. */
public final class DcutrProtocol {
    /** Opened by the peer that received the relayed connection, to the peer that dialled it. */
    public static final String ID = "/libp2p/dcutr";
    /**
     * Largest message body (length prefix excluded), 4 KiB: the spec says implementations should
     * refuse anything larger, and go-libp2p reads the stream with a delimited reader limited to its
     * maxMsgSize of 4096 bytes.
     */
    public static final int MAX_MESSAGE_BYTES = 4096;
    /**
     * Most observed addresses one CONNECT may carry; a message with more is refused whole. A peer
     * has a handful of observed (and predicted) addresses; every one is a dial attempt for the
     * receiver, so a long list would only make us dial on someone else's behalf.
     */
    public static final int MAX_OBSERVED_ADDRS = 32;
    /** How long a whole hole-punch exchange on one stream may take (go-libp2p's StreamTimeout is 1 minute too). */
    public static final Duration STREAM_TIMEOUT = Duration.ofMinutes(1);

    private DcutrProtocol() {}
}
