package io.wirepunch.core.invite;

import io.wirepunch.core.identity.PeerId;

/** What an inviter's {@link InviteService} tells its subscribers. */
public sealed interface InviteEvent {
    /** {@code peer} proved it held an invitation and joined {@code network}; the invitation is now used. */
    record MemberJoined(PeerId peer, NetworkParams network) implements InviteEvent {}

    /** {@code peer} tried to join and was refused, or broke off. */
    record JoinRefused(PeerId peer, JoinFailure reason) implements InviteEvent {}
}
