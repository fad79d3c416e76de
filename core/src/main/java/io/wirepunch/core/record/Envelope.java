package io.wirepunch.core.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.record.pb.EnvelopeProtos;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A payload signed by a peer's identity key (libp2p RFC 0002). The signature covers a domain string
 * that is never sent, so an envelope signed for one purpose (a relay voucher, a peer record) is
 * worthless for any other; {@link #open} is the only way to get an envelope from bytes, and it
 * verifies before it returns.
 */
public final class Envelope {
    /**
     * Largest encoded envelope accepted. The biggest key libp2p allows (RSA, under
     * {@link Keys#MAX_MARSHALLED_KEY_BYTES}) plus its signature and a small payload fit well inside;
     * nobody can make us parse more.
     */
    public static final int MAX_BYTES = 16 * 1024;

    private final PublicKey publicKey;
    private final byte[] payloadType;
    private final byte[] payload;
    private final byte[] signature;

    private Envelope(PublicKey publicKey, byte[] payloadType, byte[] payload, byte[] signature) {
        this.publicKey = publicKey;
        this.payloadType = payloadType;
        this.payload = payload;
        this.signature = signature;
    }

    /** Signs {@code payload} of type {@code payloadType} in {@code domain} with {@code key}. */
    public static Envelope seal(PrivateKey key, String domain, byte[] payloadType, byte[] payload) {
        byte[] signature = key.sign(signedContent(domain, payloadType, payload));
        return new Envelope(key.publicKey(), payloadType.clone(), payload.clone(), signature);
    }

    /**
     * Parses an envelope and checks that it was signed in {@code domain} and carries
     * {@code expectedType}; throws {@link EnvelopeException} naming the first problem found.
     */
    public static Envelope open(byte[] bytes, String domain, byte[] expectedType) {
        if (bytes.length > MAX_BYTES) {
            throw new EnvelopeException("envelope of " + bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        EnvelopeProtos.Envelope pb;
        try {
            pb = EnvelopeProtos.Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new EnvelopeException("malformed envelope: " + e.getMessage(), e);
        }
        PublicKey key;
        try {
            key = Keys.unmarshalPublic(pb.getPublicKey().toByteArray());
        } catch (InvalidKeyException e) {
            throw new EnvelopeException("envelope public key: " + e.getMessage(), e);
        }
        byte[] type = pb.getPayloadType().toByteArray();
        if (!Arrays.equals(type, expectedType)) {
            throw new EnvelopeException("envelope carries payload type " + hex(type) + ", expected " + hex(expectedType));
        }
        byte[] payload = pb.getPayload().toByteArray();
        byte[] signature = pb.getSignature().toByteArray();
        boolean valid;
        try {
            valid = key.verify(signedContent(domain, type, payload), signature);
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new EnvelopeException("envelope signature does not verify in domain '" + domain + "'");
        }
        return new Envelope(key, type, payload, signature);
    }

    /**
     * The bytes a signature covers: each of domain, type and payload preceded by its length as an
     * unsigned varint, so no field boundary can be shifted to make another message.
     */
    public static byte[] signedContent(String domain, byte[] payloadType, byte[] payload) {
        byte[] d = domain.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length + payloadType.length + payload.length + 3 * 5);
        for (byte[] part : new byte[][] {d, payloadType, payload}) {
            out.writeBytes(Varint.encode(part.length));
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public byte[] toBytes() {
        return EnvelopeProtos.Envelope.newBuilder()
                .setPublicKey(ByteString.copyFrom(publicKey.marshal()))
                .setPayloadType(ByteString.copyFrom(payloadType))
                .setPayload(ByteString.copyFrom(payload))
                .setSignature(ByteString.copyFrom(signature))
                .build()
                .toByteArray();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signer: the peer whose identity key this is. */
    public PeerId signer() {
        return publicKey.peerId();
    }

    public byte[] payloadType() {
        return payloadType.clone();
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
