package io.wirepunch.core.protocol.dcutr;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.dcutr.pb.DcutrProtos;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DCUtR message: a CONNECT with the sender's observed (and possibly predicted) addresses, or
 * the SYNC that starts the simultaneous dial.
 *
 * <p>SYNC carries no addresses: the spec gives it none to carry, and the dial that follows uses the
 * addresses of the CONNECT exchange. A SYNC is therefore built without addresses, and addresses
 * found on a received SYNC are ignored rather than refused, since they change nothing. A CONNECT
 * may end up with no address we can read; whether that is worth a round is for the caller.
 *
 * <p>Decoding refuses, with a {@link DcutrWireException}: bytes that are no protobuf, a message
 * without a type or with a type number the spec does not define, and a message with more than
 * {@link DcutrProtocol#MAX_OBSERVED_ADDRS} addresses (counted before parsing them). A single
 * address that does not parse is skipped alone.
 */
public record HolePunchMessage(Type type, List<Multiaddr> observedAddrs) {
    private static final Logger log = LoggerFactory.getLogger(HolePunchMessage.class);

    public enum Type {
        CONNECT(DcutrProtos.HolePunch.Type.CONNECT),
        SYNC(DcutrProtos.HolePunch.Type.SYNC);

        private final DcutrProtos.HolePunch.Type wire;

        Type(DcutrProtos.HolePunch.Type wire) {
            this.wire = wire;
        }
    }

    public HolePunchMessage {
        Objects.requireNonNull(type, "type");
        observedAddrs = List.copyOf(observedAddrs);
        if (type == Type.SYNC && !observedAddrs.isEmpty()) {
            throw new IllegalArgumentException("a SYNC carries no addresses");
        }
        if (observedAddrs.size() > DcutrProtocol.MAX_OBSERVED_ADDRS) {
            throw new IllegalArgumentException(observedAddrs.size() + " observed addresses, at most "
                    + DcutrProtocol.MAX_OBSERVED_ADDRS + " allowed");
        }
    }

    public static HolePunchMessage connect(List<Multiaddr> observedAddrs) {
        return new HolePunchMessage(Type.CONNECT, observedAddrs);
    }

    public static HolePunchMessage sync() {
        return new HolePunchMessage(Type.SYNC, List.of());
    }

    public static HolePunchMessage decode(byte[] body) {
        DcutrProtos.HolePunch pb;
        try {
            pb = DcutrProtos.HolePunch.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new DcutrWireException("malformed hole punch message: " + e.getMessage());
        }
        if (!pb.hasType()) {
            throw new DcutrWireException("hole punch message without a known type");
        }
        if (pb.getObsAddrsCount() > DcutrProtocol.MAX_OBSERVED_ADDRS) {
            throw new DcutrWireException("hole punch message with " + pb.getObsAddrsCount()
                    + " observed addresses, at most " + DcutrProtocol.MAX_OBSERVED_ADDRS + " allowed");
        }
        if (pb.getType() == DcutrProtos.HolePunch.Type.SYNC) {
            if (pb.getObsAddrsCount() > 0) {
                log.debug("ignoring {} addresses on a SYNC", pb.getObsAddrsCount());
            }
            return sync();
        }
        List<Multiaddr> addrs = new ArrayList<>(pb.getObsAddrsCount());
        for (ByteString raw : pb.getObsAddrsList()) {
            try {
                Multiaddr a = Multiaddr.fromBytes(raw.toByteArray());
                if (a.isEmpty()) {
                    log.debug("skipping an empty observed address");
                } else {
                    addrs.add(a);
                }
            } catch (RuntimeException e) {
                log.debug("skipping an observed address that does not parse: {}", e.getMessage());
            }
        }
        return connect(addrs);
    }

    /** Decodes the readable bytes of a frame without consuming or releasing it. */
    public static HolePunchMessage decode(ByteBuf frame) {
        return decode(ByteBufUtil.getBytes(frame));
    }

    public DcutrProtos.HolePunch toProto() {
        DcutrProtos.HolePunch.Builder b = DcutrProtos.HolePunch.newBuilder().setType(type.wire);
        observedAddrs.forEach(a -> b.addObsAddrs(ByteString.copyFrom(a.toBytes())));
        return b.build();
    }

    public byte[] encode() {
        return toProto().toByteArray();
    }

    /** The message with its varint length prefix, ready to write. */
    public ByteBuf frame(ByteBufAllocator alloc) {
        return LengthPrefixedFrameDecoder.frame(alloc, encode());
    }
}
