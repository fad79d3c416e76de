package io.wirepunch.core.protocol.relay;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Limit;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Peer;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Reservation;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;

/** Builds the hop and stop messages, frames them, and reads the fields each kind must carry. */
public final class RelayMessages {
    private RelayMessages() {}

    public static HopMessage reserve() {
        return HopMessage.newBuilder().setType(HopMessage.Type.RESERVE).build();
    }

    public static HopMessage connect(PeerId target) {
        return HopMessage.newBuilder().setType(HopMessage.Type.CONNECT).setPeer(peer(target)).build();
    }

    public static HopMessage hopStatus(Status status) {
        return HopMessage.newBuilder().setType(HopMessage.Type.STATUS).setStatus(status).build();
    }

    public static HopMessage hopOk(Reservation reservation, CircuitLimit limit) {
        HopMessage.Builder b = HopMessage.newBuilder().setType(HopMessage.Type.STATUS).setStatus(Status.OK);
        if (reservation != null) {
            b.setReservation(reservation);
        }
        limit.toProto().ifPresent(b::setLimit);
        return b.build();
    }

    public static StopMessage stopConnect(PeerId source, CircuitLimit limit) {
        StopMessage.Builder b = StopMessage.newBuilder().setType(StopMessage.Type.CONNECT).setPeer(peer(source));
        limit.toProto().ifPresent(b::setLimit);
        return b.build();
    }

    public static StopMessage stopStatus(Status status) {
        return StopMessage.newBuilder().setType(StopMessage.Type.STATUS).setStatus(status).build();
    }

    static Peer peer(PeerId id) {
        return Peer.newBuilder().setId(ByteString.copyFrom(id.toBytes())).build();
    }

    /** The message with its varint length prefix, ready to write. */
    public static ByteBuf frame(ByteBufAllocator alloc, MessageLite message) {
        int size = message.getSerializedSize();
        ByteBuf out = alloc.buffer(Varint.encodedLength(size) + size);
        Varint.write(out, size);
        out.writeBytes(message.toByteArray());
        return out;
    }

    /** The peer a CONNECT names; MALFORMED_MESSAGE when it is missing or not a PeerId. */
    public static PeerId peerOf(boolean hasPeer, Peer peer) {
        if (!hasPeer) {
            throw new RelayWireException(Status.MALFORMED_MESSAGE, "CONNECT without a peer");
        }
        try {
            return PeerId.fromBytes(peer.getId().toByteArray());
        } catch (RuntimeException e) {
            throw new RelayWireException(Status.MALFORMED_MESSAGE, "CONNECT names no valid peer id: " + e.getMessage());
        }
    }

    /**
     * The status a STATUS message carries. An unknown status number parses as an absent field (proto2
     * keeps it aside), which must not read as the default, OK: it is MALFORMED_MESSAGE.
     */
    public static Status statusOf(boolean hasStatus, Status status) {
        if (!hasStatus) {
            throw new RelayWireException(Status.MALFORMED_MESSAGE, "STATUS without a known status");
        }
        return status;
    }

    public static CircuitLimit limitOf(boolean hasLimit, Limit limit) {
        return hasLimit ? CircuitLimit.fromProto(limit) : CircuitLimit.NONE;
    }
}
