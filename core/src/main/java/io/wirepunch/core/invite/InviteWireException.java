package io.wirepunch.core.invite;

/** Bytes on an invitation stream that are no valid message. */
final class InviteWireException extends RuntimeException {
    InviteWireException(String message) {
        super(message, null, false, false);
    }
}
