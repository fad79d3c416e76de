package io.wirepunch.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.identity.pb.KeyProtos;
import io.wirepunch.core.record.pb.EnvelopeProtos;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String DOMAIN = "libp2p-relay-rsvp";
    private static final byte[] TYPE = {0x03, 0x02};
    private static final byte[] PAYLOAD = "wirepunch test payload".getBytes(StandardCharsets.US_ASCII);

    /**
     * Sealed by js-libp2p's @libp2p/peer-record 9.0.16 (RecordEnvelope.seal) with the Ed25519 key
     * whose seed is the bytes 0..31, over PAYLOAD in DOMAIN with TYPE. Ed25519 signatures are
     * deterministic, so our seal must produce exactly these bytes.
     */
    private static final String JS_PRIVATE_KEY = "08011240000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
    private static final String JS_ENVELOPE = "0a240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
            + "120203021a167769726570756e63682074657374207061796c6f6164"
            + "2a40849cccbd924dccc8ca6f51c1dffe152f70253756d5d980a2954310e592bbf5c4f010c6def1cc1f7c0d9e5b5a798a99f6fb0db29dd04ce3cabcc0c6b2727af406";

    @Test
    void sealingMatchesTheJsLibp2pVectorByteForByte() {
        PrivateKey key = Keys.unmarshalPrivate(HEX.parseHex(JS_PRIVATE_KEY));
        Envelope ours = Envelope.seal(key, DOMAIN, TYPE, PAYLOAD);
        assertThat(HEX.formatHex(ours.toBytes())).isEqualTo(JS_ENVELOPE);
    }

    @Test
    void theJsLibp2pVectorOpensAndNamesItsSigner() {
        PrivateKey key = Keys.unmarshalPrivate(HEX.parseHex(JS_PRIVATE_KEY));
        Envelope opened = Envelope.open(HEX.parseHex(JS_ENVELOPE), DOMAIN, TYPE);
        assertThat(opened.payload()).isEqualTo(PAYLOAD);
        assertThat(opened.payloadType()).isEqualTo(TYPE);
        assertThat(opened.signer()).isEqualTo(key.publicKey().peerId());
    }

    @Test
    void signedContentIsEachPartPrefixedWithItsVarintLength() {
        byte[] content = Envelope.signedContent("ab", new byte[] {9}, new byte[200]);
        assertThat(content[0]).isEqualTo((byte) 2);
        assertThat(new String(content, 1, 2, StandardCharsets.UTF_8)).isEqualTo("ab");
        assertThat(content[3]).isEqualTo((byte) 1);
        assertThat(content[4]).isEqualTo((byte) 9);
        // 200 needs two varint bytes: 0xc8 0x01
        assertThat(content[5]).isEqualTo((byte) 0xc8);
        assertThat(content[6]).isEqualTo((byte) 0x01);
        assertThat(content).hasSize(7 + 200);
    }

    @Test
    void roundTripsWithAGeneratedKey() {
        PrivateKey key = Keys.generateEd25519();
        Envelope sealed = Envelope.seal(key, DOMAIN, TYPE, PAYLOAD);
        Envelope opened = Envelope.open(sealed.toBytes(), DOMAIN, TYPE);
        assertThat(opened.signer()).isEqualTo(key.publicKey().peerId());
        assertThat(opened.payload()).isEqualTo(PAYLOAD);
        assertThat(opened.signature()).isEqualTo(sealed.signature());
    }

    @Test
    void verifiesSecp256k1Signers() {
        byte[] scalar = new byte[32];
        for (int i = 0; i < 32; i++) {
            scalar[i] = (byte) (i + 1);
        }
        PrivateKey key = Keys.unmarshalPrivate(KeyProtos.PrivateKey.newBuilder()
                .setType(KeyProtos.KeyType.Secp256k1).setData(ByteString.copyFrom(scalar)).build().toByteArray());
        Envelope opened = Envelope.open(Envelope.seal(key, DOMAIN, TYPE, PAYLOAD).toBytes(), DOMAIN, TYPE);
        assertThat(opened.signer()).isEqualTo(key.publicKey().peerId());
    }

    @Test
    void anotherDomainDoesNotVerify() {
        byte[] sealed = Envelope.seal(Keys.generateEd25519(), DOMAIN, TYPE, PAYLOAD).toBytes();
        assertThatThrownBy(() -> Envelope.open(sealed, "libp2p-routing-state", TYPE))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void anotherPayloadTypeIsRefusedBeforeTheSignature() {
        byte[] sealed = Envelope.seal(Keys.generateEd25519(), DOMAIN, new byte[] {0x03, 0x01}, PAYLOAD).toBytes();
        assertThatThrownBy(() -> Envelope.open(sealed, DOMAIN, TYPE))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("payload type 0x0301");
    }

    @Test
    void aTamperedPayloadSignatureOrKeyDoesNotVerify() throws Exception {
        EnvelopeProtos.Envelope good = EnvelopeProtos.Envelope.parseFrom(
                Envelope.seal(Keys.generateEd25519(), DOMAIN, TYPE, PAYLOAD).toBytes());
        byte[] otherPayload = good.toBuilder().setPayload(ByteString.copyFromUtf8("wirepunch test payloaD")).build().toByteArray();
        byte[] sig = good.getSignature().toByteArray();
        sig[10] ^= 1;
        byte[] otherSignature = good.toBuilder().setSignature(ByteString.copyFrom(sig)).build().toByteArray();
        byte[] otherKey = good.toBuilder()
                .setPublicKey(ByteString.copyFrom(Keys.generateEd25519().publicKey().marshal())).build().toByteArray();
        byte[] noSignature = good.toBuilder().clearSignature().build().toByteArray();
        for (byte[] bad : new byte[][] {otherPayload, otherSignature, otherKey, noSignature}) {
            assertThatThrownBy(() -> Envelope.open(bad, DOMAIN, TYPE))
                    .isInstanceOf(EnvelopeException.class).hasMessageContaining("does not verify");
        }
    }

    @Test
    void malformedBytesAndKeysAreNamed() {
        assertThatThrownBy(() -> Envelope.open(new byte[] {0x0a, 0x7f}, DOMAIN, TYPE))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("malformed envelope");
        byte[] badKey = EnvelopeProtos.Envelope.newBuilder().setPublicKey(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .setPayloadType(ByteString.copyFrom(TYPE)).build().toByteArray();
        assertThatThrownBy(() -> Envelope.open(badKey, DOMAIN, TYPE))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("envelope public key");
    }

    @Test
    void anEnvelopeAboveTheMaximumIsRefusedUnparsed() {
        PrivateKey key = Keys.generateEd25519();
        byte[] atLimit = Envelope.seal(key, DOMAIN, TYPE, new byte[Envelope.MAX_BYTES - 200]).toBytes();
        assertThat(atLimit.length).isLessThanOrEqualTo(Envelope.MAX_BYTES);
        assertThat(Envelope.open(atLimit, DOMAIN, TYPE).payload()).hasSize(Envelope.MAX_BYTES - 200);
        byte[] over = Envelope.seal(key, DOMAIN, TYPE, new byte[Envelope.MAX_BYTES]).toBytes();
        assertThatThrownBy(() -> Envelope.open(over, DOMAIN, TYPE))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("exceeds " + Envelope.MAX_BYTES);
    }
}
