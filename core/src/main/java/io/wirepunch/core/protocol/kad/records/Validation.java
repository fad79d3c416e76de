package io.wirepunch.core.protocol.kad.records;

/**
 * The verdict on one record: valid with its sequence number (0 where a namespace has none), or
 * refused with a reason a log line or a peer-scoring rule can use.
 */
public record Validation(Reason reason, String detail, long seq) {

    public enum Reason {
        VALID, UNKNOWN_NAMESPACE, MALFORMED_KEY, MALFORMED_VALUE, OVERSIZE, KEY_MISMATCH, BAD_SIGNATURE
    }

    static Validation valid(long seq) {
        return new Validation(Reason.VALID, "valid", seq);
    }

    static Validation refused(Reason reason, String detail) {
        return new Validation(reason, detail, 0);
    }

    public boolean isValid() {
        return reason == Reason.VALID;
    }
}
