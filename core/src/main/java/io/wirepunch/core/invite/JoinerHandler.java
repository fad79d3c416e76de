package io.wirepunch.core.invite;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.StreamEnds;
import java.util.concurrent.CompletableFuture;

/**
 * The joiner's side of one invitation stream: waits for the Challenge, sends the Proof and ends
 * its side, then reads Accepted (whose MAC must prove the inviter holds the secret too) or
 * Refused. Anything else completes {@code result} with PROTOCOL_ERROR and resets the stream.
 */
final class JoinerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final Invitation invitation;
    private final PeerId joiner;
    private final CompletableFuture<JoinResult> result;
    private final byte[] nonce = InviteCrypto.random(InviteCrypto.NONCE_BYTES);
    private byte[] inviterNonce;

    private JoinerHandler(Invitation invitation, PeerId joiner, CompletableFuture<JoinResult> result) {
        this.invitation = invitation;
        this.joiner = joiner;
        this.result = result;
    }

    static void install(Channel stream, Invitation invitation, PeerId joiner, CompletableFuture<JoinResult> result) {
        stream.pipeline().addLast(new LengthPrefixedFrameDecoder(InviteProtocol.MAX_MESSAGE_BYTES),
                new JoinerHandler(invitation, joiner, result));
        result.whenComplete((r, error) -> {
            if (!(r instanceof JoinResult.Joined) && stream.isOpen()) {
                StreamEnds.reset(stream);
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (result.isDone()) {
            return;
        }
        InviteMessage message;
        try {
            message = InviteWireCodec.decode(frame);
        } catch (InviteWireException e) {
            fail(JoinFailure.PROTOCOL_ERROR, "the inviter sent something unreadable (" + e.getMessage() + ")");
            return;
        }
        if (inviterNonce == null) {
            if (!(message instanceof InviteMessage.Challenge challenge)) {
                fail(JoinFailure.PROTOCOL_ERROR, "the inviter did not start with a challenge");
                return;
            }
            inviterNonce = challenge.nonce();
            byte[] mac = InviteCrypto.mac(invitation.secret(), InviteCrypto.JOINER_ROLE, invitation.inviter(), joiner,
                    inviterNonce, nonce);
            Channel stream = ctx.channel();
            ctx.writeAndFlush(InviteWireCodec.frame(ctx.alloc(), new InviteMessage.Proof(invitation.id(), nonce, mac)))
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            StreamEnds.halfClose(stream);
                        } else {
                            fail(JoinFailure.STREAM_FAILED, "could not send the proof to the inviter");
                        }
                    });
            return;
        }
        if (message instanceof InviteMessage.Refused refused) {
            result.complete(JoinResult.Failed.of(refused.reason()));
            StreamEnds.closeGracefully(ctx.channel());
        } else if (message instanceof InviteMessage.Accepted accepted) {
            byte[] expected = InviteCrypto.mac(invitation.secret(), InviteCrypto.INVITER_ROLE, invitation.inviter(), joiner,
                    inviterNonce, nonce);
            if (!InviteCrypto.sameMac(expected, accepted.mac())) {
                fail(JoinFailure.INVITER_NOT_PROVEN, JoinFailure.INVITER_NOT_PROVEN.sentence());
                return;
            }
            result.complete(new JoinResult.Joined(invitation.inviter(), accepted.network()));
            StreamEnds.closeGracefully(ctx.channel());
        } else {
            fail(JoinFailure.PROTOCOL_ERROR, "the inviter sent a second challenge");
        }
    }

    private void fail(JoinFailure reason, String sentence) {
        result.complete(new JoinResult.Failed(reason, sentence));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(JoinFailure.PROTOCOL_ERROR, "the inviter ended the stream without an answer");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(JoinFailure.PROTOCOL_ERROR, "the inviter closed the stream without an answer");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(JoinFailure.PROTOCOL_ERROR, "the inviter sent a message that is too large or malformed");
    }
}
