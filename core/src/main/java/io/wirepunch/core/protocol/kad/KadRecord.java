package io.wirepunch.core.protocol.kad;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A DHT record as carried by PUT_VALUE and GET_VALUE. {@code timeReceived} is set by the receiver
 * (RFC 3339 text) and is empty when unset. Immutable: the byte arrays are copied in and out.
 */
public record KadRecord(byte[] key, byte[] value, String timeReceived) {
    public KadRecord {
        key = key.clone();
        value = value.clone();
        timeReceived = timeReceived == null ? "" : timeReceived;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KadRecord r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
                && timeReceived.equals(r.timeReceived);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + timeReceived.hashCode();
    }

    @Override
    public String toString() {
        return "KadRecord[key=" + HexFormat.of().formatHex(key) + ", value=" + value.length + " bytes, timeReceived="
                + timeReceived + "]";
    }
}
