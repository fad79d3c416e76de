package io.wirepunch.core.protocol.kad.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.Validation.Reason;
import io.wirepunch.core.protocol.kad.records.pb.RecordProtos;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
    private static final PrivateKey ALICE = Keys.generateEd25519();
    private static final PrivateKey BOB = Keys.generateEd25519();
    private static final byte[] PAYLOAD = "relay list v1".getBytes(StandardCharsets.UTF_8);

    private final RecordValidator validator = new RecordValidator();

    private static RecordProtos.SignedRecord decode(KadRecord record) throws Exception {
        return RecordProtos.SignedRecord.parseFrom(record.value());
    }

    private static KadRecord withValue(KadRecord record, RecordProtos.SignedRecord value) {
        return new KadRecord(record.key(), value.toByteArray(), "");
    }

    @Test
    void pkRecordWithTheNamedPeersKeyIsValid() {
        PeerId alice = ALICE.publicKey().peerId();
        assertThat(validator.validate(RecordKeys.pk(alice), ALICE.publicKey().marshal()).reason()).isEqualTo(Reason.VALID);
    }

    @Test
    void pkRecordWithAnotherPeersKeyIsRefused() {
        Validation v = validator.validate(RecordKeys.pk(ALICE.publicKey().peerId()), BOB.publicKey().marshal());
        assertThat(v.reason()).isEqualTo(Reason.KEY_MISMATCH);
        assertThat(v.detail()).contains("another peer");
    }

    @Test
    void pkRecordThatIsNoKeyOrUnderAMalformedKeyIsRefused() {
        byte[] key = RecordKeys.pk(ALICE.publicKey().peerId());
        assertThat(validator.validate(key, new byte[] {1, 2, 3}).reason()).isEqualTo(Reason.MALFORMED_VALUE);
        byte[] trailing = Arrays.copyOf(key, key.length + 1);
        assertThat(validator.validate(trailing, ALICE.publicKey().marshal()).reason()).isEqualTo(Reason.MALFORMED_KEY);
        assertThat(validator.validate("/pk/".getBytes(StandardCharsets.US_ASCII), ALICE.publicKey().marshal()).reason())
                .isEqualTo(Reason.MALFORMED_KEY);
    }

    @Test
    void signedRecordIsValidAndCarriesItsSeq() {
        KadRecord record = SignedRecords.create(ALICE, "relays", 7, PAYLOAD);
        Validation v = validator.validate(record);
        assertThat(v.reason()).isEqualTo(Reason.VALID);
        assertThat(v.seq()).isEqualTo(7);
    }

    @Test
    void keyLayoutSurvivesPeerIdsContainingASlash() {
        // Binary peer ids often contain 0x2f; the layout must not split on it.
        PrivateKey key = Keys.generateEd25519();
        for (int i = 0; i < 1000 && !containsSlash(key.publicKey().peerId().toBytes()); i++) {
            key = Keys.generateEd25519();
        }
        assertThat(containsSlash(key.publicKey().peerId().toBytes())).isTrue();
        KadRecord record = SignedRecords.create(key, "profile", 1, PAYLOAD);
        assertThat(validator.validate(record).isValid()).isTrue();
        assertThat(RecordKeys.parseWirepunch(record.key()))
                .contains(new RecordKeys.WirepunchKey(key.publicKey().peerId(), "profile"));
    }

    private static boolean containsSlash(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '/') {
                return true;
            }
        }
        return false;
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        KadRecord record = SignedRecords.create(ALICE, "relays", 1, PAYLOAD);
        RecordProtos.SignedRecord value = decode(record);
        byte[] signature = value.getSignature().toByteArray();
        signature[0] ^= 1;
        KadRecord forged = withValue(record, value.toBuilder().setSignature(ByteString.copyFrom(signature)).build());
        assertThat(validator.validate(forged).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedPayloadOrSeqIsRefused() throws Exception {
        KadRecord record = SignedRecords.create(ALICE, "relays", 1, PAYLOAD);
        RecordProtos.SignedRecord value = decode(record);
        KadRecord payload = withValue(record, value.toBuilder().setPayload(ByteString.copyFromUtf8("relay list v2")).build());
        KadRecord seq = withValue(record, value.toBuilder().setSeq(2).build());
        assertThat(validator.validate(payload).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(validator.validate(seq).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void recordMovedToAnotherNameIsRefused() {
        KadRecord record = SignedRecords.create(ALICE, "relays", 1, PAYLOAD);
        byte[] otherKey = RecordKeys.wirepunch(ALICE.publicKey().peerId(), "profile");
        assertThat(validator.validate(otherKey, record.value()).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void recordSignedByAnotherKeyThanTheKeyNamesIsRefused() {
        KadRecord bobs = SignedRecords.create(BOB, "relays", 1, PAYLOAD);
        byte[] alicesKey = RecordKeys.wirepunch(ALICE.publicKey().peerId(), "relays");
        assertThat(validator.validate(alicesKey, bobs.value()).reason()).isEqualTo(Reason.KEY_MISMATCH);
    }

    @Test
    void malformedWirepunchKeysAndValuesAreRefused() {
        byte[] key = RecordKeys.wirepunch(ALICE.publicKey().peerId(), "relays");
        byte[] value = SignedRecords.create(ALICE, "relays", 1, PAYLOAD).value();
        byte[] noName = Arrays.copyOf(key, key.length - "relays".length());
        assertThat(validator.validate(noName, value).reason()).isEqualTo(Reason.MALFORMED_KEY);
        byte[] badName = key.clone();
        badName[badName.length - 1] = ' ';
        assertThat(validator.validate(badName, value).reason()).isEqualTo(Reason.MALFORMED_KEY);
        assertThat(validator.validate(key, new byte[] {(byte) 0xff, 0x01}).reason()).isEqualTo(Reason.MALFORMED_VALUE);
        assertThatThrownBy(() -> RecordKeys.wirepunch(ALICE.publicKey().peerId(), "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKeys.wirepunch(ALICE.publicKey().peerId(), "x".repeat(RecordKeys.MAX_NAME_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(validator.validate(SignedRecords.create(ALICE, "x".repeat(RecordKeys.MAX_NAME_BYTES), 1, PAYLOAD)).isValid())
                .isTrue();
    }

    @Test
    void otherNamespacesAreRefused() {
        byte[] value = ALICE.publicKey().marshal();
        assertThat(validator.validate("/ipns/abc".getBytes(StandardCharsets.US_ASCII), value).reason())
                .isEqualTo(Reason.UNKNOWN_NAMESPACE);
        assertThat(validator.validate("/wirepunchx/a".getBytes(StandardCharsets.US_ASCII), value).reason())
                .isEqualTo(Reason.UNKNOWN_NAMESPACE);
    }

    @Test
    void valueAtTheLimitIsValidAndOneByteMoreIsRefused() {
        int guess = 1000;
        int overhead = SignedRecords.create(ALICE, "big", 1, new byte[guess]).value().length - guess;
        KadRecord atLimit = SignedRecords.create(ALICE, "big", 1, new byte[RecordValidator.MAX_VALUE_BYTES - overhead]);
        KadRecord over = SignedRecords.create(ALICE, "big", 1, new byte[RecordValidator.MAX_VALUE_BYTES - overhead + 1]);
        assertThat(atLimit.value()).hasSize(RecordValidator.MAX_VALUE_BYTES);
        assertThat(validator.validate(atLimit).isValid()).isTrue();
        Validation v = validator.validate(over);
        assertThat(v.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(v.detail()).contains(String.valueOf(RecordValidator.MAX_VALUE_BYTES));
    }

    @Test
    void oversizeKeyIsRefused() {
        byte[] key = Arrays.copyOf(RecordKeys.pk(ALICE.publicKey().peerId()), RecordValidator.MAX_KEY_BYTES + 1);
        assertThat(validator.validate(key, ALICE.publicKey().marshal()).reason()).isEqualTo(Reason.OVERSIZE);
    }

    @Test
    void selectPicksTheValidRecordWithTheHighestSeq() throws Exception {
        KadRecord v1 = SignedRecords.create(ALICE, "relays", 1, PAYLOAD);
        KadRecord v3 = SignedRecords.create(ALICE, "relays", 3, PAYLOAD);
        KadRecord forgedV9 = withValue(v1, decode(v1).toBuilder().setSeq(9).build());
        assertThat(validator.select(List.of(v1, forgedV9, v3))).contains(v3);
        assertThat(validator.select(List.of(v3, v1))).contains(v3);
        assertThat(validator.select(List.of(forgedV9))).isEmpty();
        assertThat(validator.select(List.of())).isEmpty();
    }

    @Test
    void selectComparesSeqUnsignedAndKeepsTheFirstOnATie() {
        KadRecord huge = SignedRecords.create(ALICE, "relays", -1L, PAYLOAD); // 2^64 - 1
        KadRecord small = SignedRecords.create(ALICE, "relays", 5, PAYLOAD);
        assertThat(validator.select(List.of(small, huge))).contains(huge);
        KadRecord a = SignedRecords.create(ALICE, "relays", 5, "a".getBytes(StandardCharsets.UTF_8));
        KadRecord b = SignedRecords.create(ALICE, "relays", 5, "b".getBytes(StandardCharsets.UTF_8));
        assertThat(validator.select(List.of(a, b))).contains(a);
        assertThat(validator.select(List.of(b, a))).contains(b);
    }
}
