package io.wirepunch.core.invite;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The joiner's side: proves, over a connection to the inviter, that it holds an invitation. */
public final class InviteClient {
    private final PeerId self;
    private final Clock clock;
    private final Duration timeout;

    public InviteClient(PeerId self, Clock clock) {
        this(self, clock, InviteProtocol.TIMEOUT);
    }

    InviteClient(PeerId self, Clock clock, Duration timeout) {
        this.self = self;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Joins with {@code invitation} over {@code inviter}, a connection to the peer the invitation
     * names. Always completes normally, within the timeout: {@link JoinResult.Joined} once both
     * sides proved they hold the secret, else {@link JoinResult.Failed} with its sentence.
     */
    public CompletionStage<JoinResult> join(Connection inviter, Invitation invitation) {
        if (!inviter.remotePeer().equals(invitation.inviter())) {
            return CompletableFuture.completedFuture(new JoinResult.Failed(JoinFailure.WRONG_PEER,
                    "the connection leads to " + inviter.remotePeer() + ", not to " + invitation.inviter()
                            + ", the inviter the invitation names"));
        }
        if (invitation.isExpired(clock)) {
            return CompletableFuture.completedFuture(new JoinResult.Failed(JoinFailure.EXPIRED,
                    "that invitation expired at " + invitation.expiresAt() + "; ask the inviter for a new one"));
        }
        CompletableFuture<JoinResult> result = new CompletableFuture<>();
        result.completeOnTimeout(new JoinResult.Failed(JoinFailure.TIMEOUT,
                "the inviter did not answer within " + timeout.toMillis() / 1000.0 + " s"), timeout.toNanos(), TimeUnit.NANOSECONDS);
        inviter.newStream(stream -> JoinerHandler.install(stream.channel(), invitation, self, result), InviteProtocol.ID)
                .whenComplete((stream, error) -> {
                    if (error != null) {
                        result.complete(new JoinResult.Failed(JoinFailure.STREAM_FAILED,
                                "could not open an invitation stream to the inviter: " + Errors.rootMessage(error)));
                    }
                });
        return result;
    }
}
