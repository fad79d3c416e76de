package io.wirepunch.core.protocol.kad.records;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.Validation.Reason;
import io.wirepunch.core.protocol.kad.records.pb.RecordProtos;
import java.util.List;
import java.util.Optional;

/**
 * Decides which PUT_VALUE records this node may store and serve. Only two namespaces exist:
 * {@code /pk/} (a public key under its own peer id) and {@code /wirepunch/} (a record signed by
 * the key its key names; see {@link RecordKeys} and {@link SignedRecords}). Everything else is
 * refused, so the DHT cannot be used as free storage for arbitrary data. Stateless and thread-safe.
 */
public final class RecordValidator {
    /** Big enough for an RSA /pk/ value (up to 8 KiB) and a small signed payload; no more. */
    public static final int MAX_VALUE_BYTES = 10 * 1024;
    public static final int MAX_KEY_BYTES = 256;

    public Validation validate(byte[] key, byte[] value) {
        if (key.length > MAX_KEY_BYTES) {
            return Validation.refused(Reason.OVERSIZE, "key of " + key.length + " bytes exceeds " + MAX_KEY_BYTES);
        }
        if (value.length > MAX_VALUE_BYTES) {
            return Validation.refused(Reason.OVERSIZE, "value of " + value.length + " bytes exceeds " + MAX_VALUE_BYTES);
        }
        if (RecordKeys.isPk(key)) {
            return validatePk(key, value);
        }
        if (RecordKeys.isWirepunch(key)) {
            return validateWirepunch(key, value);
        }
        return Validation.refused(Reason.UNKNOWN_NAMESPACE, "only /pk/ and /wirepunch/ records are accepted");
    }

    public Validation validate(KadRecord record) {
        return validate(record.key(), record.value());
    }

    /**
     * The valid record with the highest sequence number, the earliest one on a tie so that the
     * choice is stable; empty when none is valid. All records are expected to share one key;
     * records for another key than the first are not candidates.
     */
    public Optional<KadRecord> select(List<KadRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = records.get(0).key();
        KadRecord best = null;
        long bestSeq = 0;
        for (KadRecord record : records) {
            if (!java.util.Arrays.equals(key, record.key())) {
                continue;
            }
            Validation v = validate(record);
            if (v.isValid() && (best == null || Long.compareUnsigned(v.seq(), bestSeq) > 0)) {
                best = record;
                bestSeq = v.seq();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Validation validatePk(byte[] key, byte[] value) {
        Optional<PeerId> named = RecordKeys.parsePk(key);
        if (named.isEmpty()) {
            return Validation.refused(Reason.MALFORMED_KEY, "/pk/ key does not end in one valid peer id");
        }
        PublicKey publicKey;
        try {
            publicKey = Keys.unmarshalPublic(value);
        } catch (InvalidKeyException e) {
            return Validation.refused(Reason.MALFORMED_VALUE, "/pk/ value is not a public key: " + e.getMessage());
        }
        if (!named.get().matches(publicKey)) {
            return Validation.refused(Reason.KEY_MISMATCH, "/pk/ value is the key of another peer than " + named.get());
        }
        return Validation.valid(0);
    }

    private static Validation validateWirepunch(byte[] key, byte[] value) {
        Optional<RecordKeys.WirepunchKey> parsed = RecordKeys.parseWirepunch(key);
        if (parsed.isEmpty()) {
            return Validation.refused(Reason.MALFORMED_KEY, "key is not /wirepunch/<peer id>/<name>");
        }
        RecordProtos.SignedRecord record;
        PublicKey signer;
        try {
            record = RecordProtos.SignedRecord.parseFrom(value);
            signer = Keys.unmarshalPublic(record.getPublicKey().toByteArray());
        } catch (InvalidProtocolBufferException | InvalidKeyException e) {
            return Validation.refused(Reason.MALFORMED_VALUE, "not a signed record: " + e.getMessage());
        }
        if (!parsed.get().owner().matches(signer)) {
            return Validation.refused(Reason.KEY_MISMATCH, "signed by another key than " + parsed.get().owner() + "'s");
        }
        byte[] message = SignedRecords.signingMessage(key, record.getSeq(), record.getPayload().toByteArray());
        if (!signer.verify(message, record.getSignature().toByteArray())) {
            return Validation.refused(Reason.BAD_SIGNATURE, "signature does not verify");
        }
        return Validation.valid(record.getSeq());
    }
}
