package io.wirepunch.core.invite;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.invite.pb.InviteProtos;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;

/**
 * The protobuf of {@code /wirepunch/invite/1.0.0} (invite.proto, message Message) and
 * {@link InviteMessage}. Every field must be there with its exact length; anything else is an
 * {@link InviteWireException}.
 */
final class InviteWireCodec {
    private InviteWireCodec() {}

    static InviteMessage decode(ByteBuf frame) {
        return decode(ByteBufUtil.getBytes(frame));
    }

    static InviteMessage decode(byte[] body) {
        if (body.length > InviteProtocol.MAX_MESSAGE_BYTES) {
            throw new InviteWireException("invite message larger than " + InviteProtocol.MAX_MESSAGE_BYTES + " bytes");
        }
        InviteProtos.Message pb;
        try {
            pb = InviteProtos.Message.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InviteWireException("malformed invite message");
        }
        return switch (pb.getBodyCase()) {
            case CHALLENGE -> new InviteMessage.Challenge(exact("nonce", pb.getChallenge().hasNonce(),
                    pb.getChallenge().getNonce(), InviteCrypto.NONCE_BYTES));
            case PROOF -> {
                InviteProtos.Proof p = pb.getProof();
                yield new InviteMessage.Proof(exact("invitation id", p.hasInvitationId(), p.getInvitationId(), InviteCrypto.ID_BYTES),
                        exact("nonce", p.hasNonce(), p.getNonce(), InviteCrypto.NONCE_BYTES),
                        exact("mac", p.hasMac(), p.getMac(), InviteCrypto.MAC_BYTES));
            }
            case ACCEPTED -> {
                InviteProtos.Accepted a = pb.getAccepted();
                byte[] mac = exact("mac", a.hasMac(), a.getMac(), InviteCrypto.MAC_BYTES);
                if (!a.hasNetwork()) {
                    throw new InviteWireException("acceptance without a network");
                }
                try {
                    yield new InviteMessage.Accepted(mac, InvitationPayload.fromProto(a.getNetwork()));
                } catch (IllegalArgumentException e) {
                    throw new InviteWireException("acceptance with a bad network: " + e.getMessage());
                }
            }
            case REFUSED -> {
                if (!pb.getRefused().hasReason()) {
                    throw new InviteWireException("refusal without a known reason");
                }
                yield new InviteMessage.Refused(fromWire(pb.getRefused().getReason()));
            }
            case BODY_NOT_SET -> throw new InviteWireException("invite message of no known type");
        };
    }

    private static byte[] exact(String field, boolean present, ByteString value, int length) {
        if (!present || value.size() != length) {
            throw new InviteWireException("invite message whose " + field + " is not " + length + " bytes");
        }
        return value.toByteArray();
    }

    static byte[] encode(InviteMessage message) {
        InviteProtos.Message.Builder b = InviteProtos.Message.newBuilder();
        if (message instanceof InviteMessage.Challenge c) {
            b.setChallenge(InviteProtos.Challenge.newBuilder().setNonce(ByteString.copyFrom(c.nonce())));
        } else if (message instanceof InviteMessage.Proof p) {
            b.setProof(InviteProtos.Proof.newBuilder().setInvitationId(ByteString.copyFrom(p.invitationId()))
                    .setNonce(ByteString.copyFrom(p.nonce())).setMac(ByteString.copyFrom(p.mac())));
        } else if (message instanceof InviteMessage.Accepted a) {
            b.setAccepted(InviteProtos.Accepted.newBuilder().setMac(ByteString.copyFrom(a.mac()))
                    .setNetwork(InvitationPayload.toProto(a.network())));
        } else if (message instanceof InviteMessage.Refused r) {
            b.setRefused(InviteProtos.Refused.newBuilder().setReason(toWire(r.reason())));
        }
        return b.build().toByteArray();
    }

    static ByteBuf frame(ByteBufAllocator alloc, InviteMessage message) {
        return LengthPrefixedFrameDecoder.frame(alloc, encode(message));
    }

    private static InviteProtos.Refused.Reason toWire(JoinFailure reason) {
        return switch (reason) {
            case UNKNOWN_INVITATION -> InviteProtos.Refused.Reason.UNKNOWN_INVITATION;
            case WRONG_PROOF -> InviteProtos.Refused.Reason.WRONG_PROOF;
            case ALREADY_USED -> InviteProtos.Refused.Reason.ALREADY_USED;
            case EXPIRED -> InviteProtos.Refused.Reason.EXPIRED;
            case BAD_REQUEST -> InviteProtos.Refused.Reason.BAD_REQUEST;
            default -> InviteProtos.Refused.Reason.INTERNAL_ERROR;
        };
    }

    private static JoinFailure fromWire(InviteProtos.Refused.Reason reason) {
        return switch (reason) {
            case UNKNOWN_INVITATION -> JoinFailure.UNKNOWN_INVITATION;
            case WRONG_PROOF -> JoinFailure.WRONG_PROOF;
            case ALREADY_USED -> JoinFailure.ALREADY_USED;
            case EXPIRED -> JoinFailure.EXPIRED;
            case BAD_REQUEST -> JoinFailure.BAD_REQUEST;
            case INTERNAL_ERROR -> JoinFailure.INTERNAL_ERROR;
        };
    }
}
