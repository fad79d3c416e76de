package io.wirepunch.core.facts;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /wirepunch/facts/1.0.0}: a member opens a stream to another member, writes its facts as
 * length-prefixed {@code FactsMessage} frames, and ends its side (FIN). The receiver answers
 * nothing; it closes the stream once the sender's side ended. Every limit of the protocol is here.
 */
public final class FactsProtocol {
    public static final String ID = "/wirepunch/facts/1.0.0";

    /** The signature domain of a fact's envelope: a fact signature is good for nothing else. */
    public static final String ENVELOPE_DOMAIN = "wirepunch-fact";
    /** The envelope's payload type. */
    public static final byte[] PAYLOAD_TYPE = "/wirepunch/fact".getBytes(StandardCharsets.US_ASCII);

    /**
     * Largest signed fact (the encoded envelope) accepted. An Ed25519 fact with the longest value is
     * under 800 bytes; a 4096-bit RSA issuer still fits. Larger keys cannot issue facts.
     */
    public static final int MAX_SIGNED_FACT_BYTES = 4 * 1024;
    /** Longest attribute value: a multiaddr at its own limit. */
    public static final int MAX_VALUE_BYTES = Multiaddr.MAX_BYTES;
    /** Longest network name in a MEMBER fact, in UTF-8 bytes. */
    public static final int MAX_NETWORK_NAME_BYTES = 64;
    /** Bytes of a boot id: random, new at every start, so a restart shows. */
    public static final int BOOT_ID_BYTES = 16;
    /** Facts in one message at most. */
    public static final int MAX_FACTS_PER_MESSAGE = 32;
    /** Largest message (one frame body); checked from the length prefix before the body is read. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Messages on one stream at most; the stream is reset at the next. */
    public static final int MAX_MESSAGES_PER_STREAM = 16;
    /** Shortest TTL a fact may carry. */
    public static final Duration MIN_TTL = Duration.ofSeconds(10);
    /** Longest TTL a fact may carry. */
    public static final Duration MAX_TTL = Duration.ofDays(1);
    /** How far in the future an issued-at may lie (clocks disagree); beyond, the fact is refused. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);
    /** Latest issued-at a fact may carry (the start of year 10000); the field is 64 bits, the calendar is not. */
    public static final Instant MAX_ISSUED_AT = Instant.parse("+10000-01-01T00:00:00Z");
    /** A receiving stream silent for this long is reset. */
    public static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private FactsProtocol() {}
}
