package io.wirepunch.core.protocol.kad;

import java.time.Duration;

/** Kademlia DHT wire protocol: ids, sizes and timeouts shared by the client and the responder. */
public final class KadProtocol {
    /** The public libp2p DHT (IPFS's Amino DHT and every js/go kad-dht default). */
    public static final String ID = "/ipfs/kad/1.0.0";
    /** Wirepunch's private DHT: the same messages under an id of our own, so the two networks never mix. */
    public static final String PRIVATE_ID = "/wirepunch/kad/1.0.0";
    /**
     * Largest message accepted, 4 MiB: go-libp2p-kad-dht reads with msgio limited to
     * network.MessageSizeMax (4 MiB) and js-libp2p's length-prefixed decoder defaults to 4 MiB, so
     * anything either sends fits, and no stream can make us buffer more.
     */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** A request waits at most this long for its answer, stream opening included (js and go use 10 s too). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** An inbound stream with no request for this long is closed (go-libp2p-kad-dht's stream idle timeout). */
    public static final Duration STREAM_IDLE_TIMEOUT = Duration.ofMinutes(1);
    /**
     * Requests the remote may send ahead of our answers on one stream. The spec lets a stream carry
     * several requests, but nobody pipelines many; a stream that queues more is closed.
     */
    public static final int MAX_QUEUED_REQUESTS = 8;

    private KadProtocol() {}
}
