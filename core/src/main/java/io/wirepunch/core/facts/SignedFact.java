package io.wirepunch.core.facts;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.facts.pb.FactsProtos;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.record.Envelope;
import io.wirepunch.core.record.EnvelopeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A fact in its issuer's signed envelope (RFC 0002, domain {@link FactsProtocol#ENVELOPE_DOMAIN},
 * payload type {@link FactsProtocol#PAYLOAD_TYPE}). The issuer is the envelope's signer. The
 * envelope's bytes are kept as received, so any peer can pass the fact on and the next one verifies
 * the issuer's signature, not the forwarder's.
 */
public final class SignedFact {
    private final PeerId issuer;
    private final Fact fact;
    private final byte[] envelope;

    private SignedFact(PeerId issuer, Fact fact, byte[] envelope) {
        this.issuer = issuer;
        this.fact = fact;
        this.envelope = envelope;
    }

    /** Signs {@code fact} with {@code key}, whose peer becomes the issuer. */
    public static SignedFact sign(PrivateKey key, Fact fact) {
        byte[] payload = FactsProtos.Fact.newBuilder()
                .setSubject(ByteString.copyFrom(fact.subject().toBytes()))
                .setAttribute(fact.attribute().wire())
                .setValue(ByteString.copyFrom(fact.value()))
                .setTtlSeconds((int) fact.ttl().toSeconds())
                .setIssuedAtMillis(fact.issuedAt().toEpochMilli())
                .build().toByteArray();
        byte[] bytes = Envelope.seal(key, FactsProtocol.ENVELOPE_DOMAIN, FactsProtocol.PAYLOAD_TYPE, payload).toBytes();
        if (bytes.length > FactsProtocol.MAX_SIGNED_FACT_BYTES) {
            throw new IllegalArgumentException("signed fact of " + bytes.length + " bytes exceeds "
                    + FactsProtocol.MAX_SIGNED_FACT_BYTES + "; the issuer's key is too large");
        }
        return new SignedFact(key.publicKey().peerId(), fact, bytes);
    }

    /**
     * Verifies and decodes a signed fact; throws {@link FactWireException} naming the first problem:
     * too large, not an envelope of this domain and type, a bad signature, a payload that is not a
     * well-formed fact.
     */
    public static SignedFact open(byte[] bytes) {
        if (bytes.length > FactsProtocol.MAX_SIGNED_FACT_BYTES) {
            throw new FactWireException("signed fact of " + bytes.length + " bytes exceeds "
                    + FactsProtocol.MAX_SIGNED_FACT_BYTES);
        }
        Envelope envelope;
        try {
            envelope = Envelope.open(bytes, FactsProtocol.ENVELOPE_DOMAIN, FactsProtocol.PAYLOAD_TYPE);
        } catch (EnvelopeException | InvalidKeyException e) {
            throw new FactWireException("fact envelope refused: " + e.getMessage());
        }
        FactsProtos.Fact pb;
        try {
            pb = FactsProtos.Fact.parseFrom(envelope.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new FactWireException("malformed fact: " + e.getMessage());
        }
        Fact fact;
        try {
            PeerId subject = PeerId.fromBytes(pb.getSubject().toByteArray());
            long ttl = Integer.toUnsignedLong(pb.getTtlSeconds());
            long issued = pb.getIssuedAtMillis();
            if (issued <= 0 || issued > FactsProtocol.MAX_ISSUED_AT.toEpochMilli()) {
                throw new IllegalArgumentException("issued-at " + Long.toUnsignedString(issued) + " ms is out of range");
            }
            fact = new Fact(subject, Attribute.fromWire(pb.getAttribute()), pb.getValue().toByteArray(),
                    Duration.ofSeconds(ttl), Instant.ofEpochMilli(issued));
        } catch (IllegalArgumentException | InvalidKeyException e) {
            throw new FactWireException("fact refused: " + e.getMessage());
        }
        return new SignedFact(envelope.signer(), fact, bytes.clone());
    }

    public PeerId issuer() {
        return issuer;
    }

    public Fact fact() {
        return fact;
    }

    /** The envelope's bytes, what goes on the wire. */
    public byte[] toBytes() {
        return envelope.clone();
    }

    int encodedLength() {
        return envelope.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedFact s && Arrays.equals(envelope, s.envelope);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return fact + " by " + issuer;
    }
}
