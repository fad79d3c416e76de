package io.wirepunch.core.invite;

/** The messages of {@code /wirepunch/invite/1.0.0}, in the order they are sent. */
sealed interface InviteMessage {
    /** Inviter → joiner, as soon as the stream is open: a fresh nonce. */
    record Challenge(byte[] nonce) implements InviteMessage {}

    /** Joiner → inviter: the invitation's id, the joiner's fresh nonce, and its MAC over the transcript. */
    record Proof(byte[] invitationId, byte[] nonce, byte[] mac) implements InviteMessage {}

    /** Inviter → joiner: its own MAC over the transcript, and the network joined. */
    record Accepted(byte[] mac, NetworkParams network) implements InviteMessage {}

    /** Inviter → joiner: why not. Only the reasons an inviter can give travel. */
    record Refused(JoinFailure reason) implements InviteMessage {}
}
