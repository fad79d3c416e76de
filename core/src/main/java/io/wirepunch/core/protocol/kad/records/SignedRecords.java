package io.wirepunch.core.protocol.kad.records;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.KadRecord;
import io.wirepunch.core.protocol.kad.records.pb.RecordProtos;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Creates /wirepunch/ records and defines exactly which bytes their signature covers. */
public final class SignedRecords {
    /**
     * Prefix of every signed message, so a signature made for a record can never be replayed as
     * a signature over anything else the same key signs (handshakes, envelopes).
     */
    static final byte[] DOMAIN = "wirepunch-record:".getBytes(StandardCharsets.US_ASCII);

    private SignedRecords() {}

    /** A record under {@code /wirepunch/<signer's peer id>/<name>} carrying {@code payload}. */
    public static KadRecord create(PrivateKey signer, String name, long seq, byte[] payload) {
        byte[] key = RecordKeys.wirepunch(signer.publicKey().peerId(), name);
        byte[] value = RecordProtos.SignedRecord.newBuilder()
                .setPayload(ByteString.copyFrom(payload))
                .setSeq(seq)
                .setPublicKey(ByteString.copyFrom(signer.publicKey().marshal()))
                .setSignature(ByteString.copyFrom(signer.sign(signingMessage(key, seq, payload))))
                .build()
                .toByteArray();
        return new KadRecord(key, value, "");
    }

    /**
     * {@code "wirepunch-record:" ‖ u32be(key length) ‖ key ‖ u64be(seq) ‖ payload}. The key's
     * length is written so that no key/payload split can be shifted to forge another record.
     */
    static byte[] signingMessage(byte[] key, long seq, byte[] payload) {
        return ByteBuffer.allocate(DOMAIN.length + 4 + key.length + 8 + payload.length)
                .put(DOMAIN)
                .putInt(key.length)
                .put(key)
                .putLong(seq)
                .put(payload)
                .array();
    }
}
