package io.wirepunch.core.invite;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.InvitationException.Kind;
import io.wirepunch.core.invite.pb.InviteProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The payload of an invitation string as protobuf ({@code invite.proto}, message Payload), and the
 * network parameters as the proof protocol and the store carry them too.
 */
final class InvitationPayload {
    /** Latest expiry a payload may name (year 9999), so every expiry is an {@link Instant} that prints. */
    static final long MAX_EPOCH_SECOND = 253402300799L;

    private InvitationPayload() {}

    static byte[] encode(Invitation invitation) {
        InviteProtos.Payload.Builder b = InviteProtos.Payload.newBuilder()
                .setInviter(ByteString.copyFrom(invitation.inviter().toBytes()))
                .setSecret(ByteString.copyFrom(invitation.secret()))
                .setExpiresAt(invitation.expiresAt().getEpochSecond())
                .setNetwork(toProto(invitation.network()));
        invitation.hints().forEach(h -> b.addHints(ByteString.copyFrom(h.toBytes())));
        return b.build().toByteArray();
    }

    static Invitation decode(byte[] bytes) {
        if (bytes.length > Invitation.MAX_PAYLOAD_BYTES) {
            throw damaged("it is larger than " + Invitation.MAX_PAYLOAD_BYTES + " bytes");
        }
        InviteProtos.Payload pb;
        try {
            pb = InviteProtos.Payload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw damaged("its content is not readable");
        }
        if (!pb.hasInviter() || !pb.hasSecret() || !pb.hasExpiresAt() || !pb.hasNetwork()) {
            throw damaged("a required field is missing");
        }
        PeerId inviter;
        try {
            inviter = PeerId.fromBytes(pb.getInviter().toByteArray());
        } catch (RuntimeException e) {
            throw damaged("the inviter's id is not a valid peer id");
        }
        if (pb.getSecret().size() != InviteCrypto.SECRET_BYTES) {
            throw damaged("its secret is not " + InviteCrypto.SECRET_BYTES + " bytes");
        }
        long expires = pb.getExpiresAt();
        if (expires < 0 || expires > MAX_EPOCH_SECOND) {
            throw damaged("its expiry time is out of range");
        }
        NetworkParams network;
        try {
            network = fromProto(pb.getNetwork());
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
        if (pb.getHintsCount() > Invitation.MAX_HINTS) {
            throw damaged("it has more than " + Invitation.MAX_HINTS + " address hints");
        }
        List<Multiaddr> hints = new ArrayList<>(pb.getHintsCount());
        for (ByteString raw : pb.getHintsList()) {
            if (raw.size() > Invitation.MAX_HINT_BYTES) {
                throw damaged("an address hint is longer than " + Invitation.MAX_HINT_BYTES + " bytes");
            }
            try {
                hints.add(Multiaddr.fromBytes(raw.toByteArray()));
            } catch (RuntimeException e) {
                throw damaged("an address hint is not a valid address");
            }
        }
        try {
            return Invitation.of(inviter, pb.getSecret().toByteArray(), Instant.ofEpochSecond(expires), network, hints);
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
    }

    private static InvitationException damaged(String why) {
        return new InvitationException(Kind.MALFORMED, "that invitation is damaged: " + why);
    }

    static InviteProtos.Network toProto(NetworkParams network) {
        InviteProtos.Network.Builder b = InviteProtos.Network.newBuilder().setName(network.name()).setSubnet(network.subnet());
        network.workbits().ifPresent(b::setWorkbits);
        return b.build();
    }

    /** @throws IllegalArgumentException when a field is missing or out of its limits */
    static NetworkParams fromProto(InviteProtos.Network pb) {
        if (!pb.hasName()) {
            throw new IllegalArgumentException("the network has no name");
        }
        if (pb.hasWorkbits() && Integer.compareUnsigned(pb.getWorkbits(), NetworkParams.MAX_WORKBITS) > 0) {
            throw new IllegalArgumentException("the network asks for more than " + NetworkParams.MAX_WORKBITS + " work bits");
        }
        return new NetworkParams(pb.getName(), pb.getSubnet(),
                pb.hasWorkbits() ? OptionalInt.of(pb.getWorkbits()) : OptionalInt.empty());
    }
}
