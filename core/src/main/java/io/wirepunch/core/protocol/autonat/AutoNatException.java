package io.wirepunch.core.protocol.autonat;

/** An AutoNAT message that was malformed, of the wrong kind, or an exchange that failed. */
public final class AutoNatException extends RuntimeException {
    /** What went wrong with a message; decides whether a server can still answer. */
    public enum Kind {
        /** Not a protobuf, or a frame that broke the limits: nothing can be answered. */
        MALFORMED,
        /** A protobuf that does not make a valid message (missing fields, foreign peer id …): answered E_BAD_REQUEST. */
        INVALID,
        /** The exchange itself failed (stream closed, no answer). */
        EXCHANGE
    }

    private final Kind kind;

    public AutoNatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
