package io.wirepunch.core.protocol.autonat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.autonat.AutoNatException.Kind;
import io.wirepunch.core.protocol.autonat.pb.AutonatProtos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the protobuf on the wire and {@link AutoNatMessage}. Bytes that are no protobuf
 * are {@link Kind#MALFORMED}; a protobuf without the fields its type needs, or with a peer id that
 * does not parse, is {@link Kind#INVALID}. Proto2 turns an enum number it does not know into an
 * absent field, so an unknown type or status is refused rather than read as the first value
 * (DIAL, OK). A single address that does not parse is dropped alone.
 */
public final class AutoNatCodec {
    private AutoNatCodec() {}

    public static AutoNatMessage decode(byte[] body) {
        AutonatProtos.Message pb;
        try {
            pb = AutonatProtos.Message.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new AutoNatException(Kind.MALFORMED, "malformed autonat message: " + e.getMessage());
        }
        if (!pb.hasType()) {
            throw new AutoNatException(Kind.INVALID, "autonat message without a known type");
        }
        return switch (pb.getType()) {
            case DIAL -> dial(pb);
            case DIAL_RESPONSE -> dialResponse(pb);
        };
    }

    /** Decodes the readable bytes of a frame without consuming or releasing it. */
    public static AutoNatMessage decode(ByteBuf frame) {
        return decode(ByteBufUtil.getBytes(frame));
    }

    private static AutoNatMessage.Dial dial(AutonatProtos.Message pb) {
        if (!pb.hasDial() || !pb.getDial().hasPeer()) {
            throw new AutoNatException(Kind.INVALID, "DIAL without peer info");
        }
        AutonatProtos.Message.PeerInfo info = pb.getDial().getPeer();
        if (!info.hasId()) {
            throw new AutoNatException(Kind.INVALID, "DIAL without a peer id");
        }
        PeerId peer;
        try {
            peer = PeerId.fromBytes(info.getId().toByteArray());
        } catch (RuntimeException e) {
            throw new AutoNatException(Kind.INVALID, "DIAL with a bad peer id: " + e.getMessage());
        }
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString raw : info.getAddrsList()) {
            if (addrs.size() == AutoNatProtocol.MAX_ADDRS_READ) {
                break;
            }
            parse(raw).ifPresent(addrs::add);
        }
        return new AutoNatMessage.Dial(peer, addrs);
    }

    private static AutoNatMessage.DialResponse dialResponse(AutonatProtos.Message pb) {
        if (!pb.hasDialResponse()) {
            throw new AutoNatException(Kind.INVALID, "DIAL_RESPONSE without its response");
        }
        AutonatProtos.Message.DialResponse r = pb.getDialResponse();
        if (!r.hasStatus()) {
            throw new AutoNatException(Kind.INVALID, "DIAL_RESPONSE without a known status");
        }
        ResponseStatus status = ResponseStatus.fromWire(r.getStatus().getNumber()).orElseThrow();
        String text = r.getStatusText();
        if (text.length() > AutoNatProtocol.MAX_STATUS_TEXT_CHARS) {
            text = text.substring(0, AutoNatProtocol.MAX_STATUS_TEXT_CHARS);
        }
        Optional<Multiaddr> addr = r.hasAddr() ? parse(r.getAddr()) : Optional.empty();
        return new AutoNatMessage.DialResponse(status, text, addr);
    }

    private static Optional<Multiaddr> parse(ByteString raw) {
        try {
            Multiaddr a = Multiaddr.fromBytes(raw.toByteArray());
            return a.isEmpty() ? Optional.empty() : Optional.of(a);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static byte[] encode(AutoNatMessage message) {
        return toProto(message).toByteArray();
    }

    /** The message with its varint length prefix, ready to write. */
    public static ByteBuf frame(ByteBufAllocator alloc, AutoNatMessage message) {
        return LengthPrefixedFrameDecoder.frame(alloc, encode(message));
    }

    static AutonatProtos.Message toProto(AutoNatMessage message) {
        AutonatProtos.Message.Builder b = AutonatProtos.Message.newBuilder();
        if (message instanceof AutoNatMessage.Dial d) {
            AutonatProtos.Message.PeerInfo.Builder info = AutonatProtos.Message.PeerInfo.newBuilder()
                    .setId(ByteString.copyFrom(d.peer().toBytes()));
            d.addrs().forEach(a -> info.addAddrs(ByteString.copyFrom(a.toBytes())));
            b.setType(AutonatProtos.Message.MessageType.DIAL)
                    .setDial(AutonatProtos.Message.Dial.newBuilder().setPeer(info));
        } else if (message instanceof AutoNatMessage.DialResponse r) {
            AutonatProtos.Message.DialResponse.Builder rb = AutonatProtos.Message.DialResponse.newBuilder()
                    .setStatus(AutonatProtos.Message.ResponseStatus.forNumber(r.status().wireNumber()));
            if (!r.statusText().isEmpty()) {
                rb.setStatusText(r.statusText());
            }
            r.addr().ifPresent(a -> rb.setAddr(ByteString.copyFrom(a.toBytes())));
            b.setType(AutonatProtos.Message.MessageType.DIAL_RESPONSE).setDialResponse(rb);
        }
        return b.build();
    }
}
