package io.wirepunch.core.upgrade.multistream;

import java.io.IOException;

/** A failed multistream-select negotiation; {@link #reason()} says which rule was broken. */
public final class MultistreamException extends IOException {

    /** Every way a negotiation can fail, so callers and tests can tell them apart. */
    public enum Reason {
        /** The length prefix is above {@link MultistreamMessages#MAX_MESSAGE_LENGTH}. */
        MESSAGE_TOO_LONG,
        /** The length prefix is not a valid unsigned varint (too long or not minimal). */
        MALFORMED_LENGTH,
        /** The message does not end with a newline. */
        MISSING_NEWLINE,
        /** The message is not valid UTF-8. */
        INVALID_UTF8,
        /** The first message is not the {@code /multistream/1.0.0} header. */
        UNSUPPORTED_HEADER,
        /** The responder answered a proposal with something other than the echo or {@code na}. */
        UNEXPECTED_RESPONSE,
        /** The responder refused every protocol we proposed. */
        ALL_PROTOCOLS_REFUSED,
        /** The initiator made more proposals than {@link MultistreamResponder#MAX_PROPOSALS}. */
        TOO_MANY_PROPOSALS,
        /** No protocol was agreed within the negotiation timeout. */
        TIMEOUT,
        /** The channel closed before a protocol was agreed. */
        CHANNEL_CLOSED,
        /** The channel reported an error before a protocol was agreed. */
        CHANNEL_ERROR,
        /** The pipeline or the selection listener failed while installing the selected protocol. */
        INSTALL_FAILED
    }

    private final Reason reason;

    public MultistreamException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MultistreamException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
