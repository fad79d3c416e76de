package io.wirepunch.core.protocol.relay;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos;
import io.wirepunch.core.record.Envelope;
import io.wirepunch.core.record.EnvelopeException;
import java.time.Instant;

/**
 * A relay's signed promise to relay for {@code peer} until {@code expiration} (whole seconds). It
 * travels as a signed envelope in the reservation; it is advisory (nobody has to show it to dial),
 * but a client checks that the relay signed it for us.
 */
public record ReservationVoucher(PeerId relay, PeerId peer, Instant expiration) {
    /** The envelope domain, so a voucher signature is good for nothing else. */
    public static final String DOMAIN = "libp2p-relay-rsvp";
    private static final byte[] PAYLOAD_TYPE = {0x03, 0x02};

    public ReservationVoucher {
        expiration = Instant.ofEpochSecond(expiration.getEpochSecond());
    }

    /** The envelope's payload type: multicodec 0x0302 as its two bytes, as go and js write it. */
    public static byte[] payloadType() {
        return PAYLOAD_TYPE.clone();
    }

    public byte[] toPayload() {
        return CircuitProtos.ReservationVoucher.newBuilder()
                .setRelay(ByteString.copyFrom(relay.toBytes()))
                .setPeer(ByteString.copyFrom(peer.toBytes()))
                .setExpiration(expiration.getEpochSecond())
                .build()
                .toByteArray();
    }

    /** The envelope bytes, signed with the relay's key. */
    public byte[] seal(PrivateKey relayKey) {
        if (!relayKey.publicKey().peerId().equals(relay)) {
            throw new IllegalArgumentException("a voucher for relay " + relay + " must be signed by that relay");
        }
        return Envelope.seal(relayKey, DOMAIN, PAYLOAD_TYPE, toPayload()).toBytes();
    }

    /** Verifies the envelope and reads the voucher in it; the signer must be the relay it names. */
    public static ReservationVoucher open(byte[] envelopeBytes) {
        Envelope envelope = Envelope.open(envelopeBytes, DOMAIN, PAYLOAD_TYPE);
        CircuitProtos.ReservationVoucher pb;
        try {
            pb = CircuitProtos.ReservationVoucher.parseFrom(envelope.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new EnvelopeException("malformed reservation voucher: " + e.getMessage(), e);
        }
        PeerId relay;
        PeerId peer;
        try {
            relay = PeerId.fromBytes(pb.getRelay().toByteArray());
            peer = PeerId.fromBytes(pb.getPeer().toByteArray());
        } catch (RuntimeException e) {
            throw new EnvelopeException("reservation voucher with a bad peer id: " + e.getMessage(), e);
        }
        if (!envelope.signer().equals(relay)) {
            throw new EnvelopeException("voucher for relay " + relay + " signed by " + envelope.signer());
        }
        long seconds = pb.getExpiration() < 0 ? Long.MAX_VALUE / 2 : pb.getExpiration();
        return new ReservationVoucher(relay, peer, Instant.ofEpochSecond(Math.min(seconds, Instant.MAX.getEpochSecond())));
    }
}
