package io.wirepunch.core.invite;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inviter's side of one invitation stream: sends a Challenge at once, reads one Proof, and
 * answers Accepted or Refused, then ends the stream. A proof is checked against the secret before
 * the invitation's state is looked at, so only a holder of the secret learns whether it is used or
 * expired. Bytes that are no message, a frame above {@link InviteProtocol#MAX_MESSAGE_BYTES}, a
 * second message, an end of stream before the proof, or no proof in time reset the stream.
 * The PeerIds come from the connection (Noise), never from a message.
 */
final class InviterHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(InviterHandler.class);

    private final InviteStore store;
    private final PeerId inviter;
    private final PeerId joiner;
    private final Duration timeout;
    private final Consumer<InviteEvent> events;
    private final Executor storeWork;
    private final byte[] nonce = InviteCrypto.random(InviteCrypto.NONCE_BYTES);
    private boolean proofRead;
    private boolean ended;
    /** The proof was good and the store is deciding: the stream's end no longer makes it a refusal. */
    private boolean redeeming;
    private ScheduledFuture<?> deadline;

    private InviterHandler(InviteStore store, PeerId inviter, PeerId joiner, Duration timeout, Consumer<InviteEvent> events,
                           Executor storeWork) {
        this.store = store;
        this.storeWork = storeWork;
        this.inviter = inviter;
        this.joiner = joiner;
        this.timeout = timeout;
        this.events = events;
    }

    /** With the store's file written on the stream's event loop (tests). */
    static void install(Channel stream, InviteStore store, PeerId inviter, PeerId joiner, Duration timeout,
                        Consumer<InviteEvent> events) {
        install(stream, store, inviter, joiner, timeout, events, Runnable::run);
    }

    /** @param storeWork where the store marks an invitation used, which writes its file: off the event loop */
    static void install(Channel stream, InviteStore store, PeerId inviter, PeerId joiner, Duration timeout,
                        Consumer<InviteEvent> events, Executor storeWork) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(InviteProtocol.MAX_MESSAGE_BYTES),
                new InviterHandler(store, inviter, joiner, timeout, events, storeWork));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> reset(ctx, JoinFailure.TIMEOUT, "no proof within " + timeout.toMillis() + " ms"),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Challenge(nonce))).addListener(f -> {
            if (!f.isSuccess()) {
                reset(ctx, JoinFailure.STREAM_FAILED, "could not send the challenge: " + f.cause());
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (ended) {
            return;
        }
        if (proofRead) {
            reset(ctx, JoinFailure.PROTOCOL_ERROR, "a second message");
            return;
        }
        proofRead = true;
        deadline.cancel(false);
        InviteMessage message;
        try {
            message = InviteWireCodec.decode(frame);
        } catch (InviteWireException e) {
            reset(ctx, JoinFailure.BAD_REQUEST, e.getMessage());
            return;
        }
        if (!(message instanceof InviteMessage.Proof proof)) {
            reset(ctx, JoinFailure.BAD_REQUEST, "expected a proof, got " + message.getClass().getSimpleName());
            return;
        }
        answer(ctx, proof);
    }

    private void answer(ChannelHandlerContext ctx, InviteMessage.Proof proof) {
        Optional<IssuedInvitation> found = store.find(proof.invitationId());
        if (found.isEmpty()) {
            refuse(ctx, JoinFailure.UNKNOWN_INVITATION);
            return;
        }
        byte[] secret = found.get().secret();
        byte[] expected = InviteCrypto.mac(secret, InviteCrypto.JOINER_ROLE, inviter, joiner, nonce, proof.nonce());
        if (!InviteCrypto.sameMac(expected, proof.mac())) {
            refuse(ctx, JoinFailure.WRONG_PROOF);
            return;
        }
        byte[] mac = InviteCrypto.mac(secret, InviteCrypto.INVITER_ROLE, inviter, joiner, nonce, proof.nonce());
        Arrays.fill(secret, (byte) 0);
        String idHex = found.get().idHex();
        redeeming = true;
        try {
            storeWork.execute(() -> {
                Redemption redemption;
                try {
                    redemption = store.redeem(proof.invitationId(), joiner);
                } catch (RuntimeException e) {
                    log.warn("marking invitation {} used failed", idHex, e);
                    redemption = Redemption.refused(JoinFailure.INTERNAL_ERROR);
                }
                Redemption decided = redemption;
                ctx.executor().execute(() -> redeemed(ctx, decided, mac, idHex));
            });
        } catch (RejectedExecutionException stopped) {
            redeeming = false;
            refuse(ctx, JoinFailure.INTERNAL_ERROR);
        }
    }

    private void redeemed(ChannelHandlerContext ctx, Redemption redemption, byte[] mac, String idHex) {
        redeeming = false;
        if (!redemption.isAccepted()) {
            refuse(ctx, redemption.failure().orElseThrow());
            return;
        }
        NetworkParams network = redemption.network().orElseThrow();
        ended = true;
        log.info("{} joined network {} with invitation {}", joiner, network.name(), idHex);
        events.accept(new InviteEvent.MemberJoined(joiner, network));
        Channel stream = ctx.channel();
        if (stream.isActive()) {
            ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Accepted(mac, network)))
                    .addListener(f -> StreamEnds.closeGracefully(stream));
        }
    }

    /** An answer the joiner may act on: said, then the stream ends. */
    private void refuse(ChannelHandlerContext ctx, JoinFailure reason) {
        if (ended) {
            return;
        }
        ended = true;
        log.debug("invitation from {} refused: {}", joiner, reason);
        events.accept(new InviteEvent.JoinRefused(joiner, reason));
        Channel stream = ctx.channel();
        ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Refused(reason)))
                .addListener(f -> StreamEnds.closeGracefully(stream));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !proofRead) {
            reset(ctx, JoinFailure.PROTOCOL_ERROR, "the joiner ended the stream without a proof");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void reset(ChannelHandlerContext ctx, JoinFailure reason, String detail) {
        if (ended || redeeming) {
            return;
        }
        ended = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        log.debug("invitation stream from {}: {}; resetting it", joiner, detail);
        events.accept(new InviteEvent.JoinRefused(joiner, reason));
        StreamEnds.reset(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!ended && !redeeming) {
            reset(ctx, JoinFailure.PROTOCOL_ERROR, "the stream closed before a proof");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly the frame decoder: a length above MAX_MESSAGE_BYTES or a malformed prefix.
        reset(ctx, JoinFailure.BAD_REQUEST, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }
}
