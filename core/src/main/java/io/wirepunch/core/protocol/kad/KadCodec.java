package io.wirepunch.core.protocol.kad;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import io.wirepunch.core.protocol.kad.pb.KadProtos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts between the protobuf on the wire and {@link KadMessage}. A message that does not parse,
 * or whose type we do not know, is refused whole; a peer whose id does not parse, or an address we
 * cannot read (a transport we do not know), is dropped alone, so one odd entry from a newer
 * implementation does not cost the rest of an answer.
 */
public final class KadCodec {
    private static final Logger log = LoggerFactory.getLogger(KadCodec.class);
    private static final KadMessage.Type[] TYPES_BY_WIRE_NUMBER = KadMessage.Type.values();
    private static final KadPeer.Connectedness[] CONNECTEDNESS = KadPeer.Connectedness.values();

    private KadCodec() {}

    /** Decodes one message body (without its length prefix); throws {@link KadException} when refused. */
    public static KadMessage decode(byte[] body) {
        KadProtos.Message pb;
        try {
            pb = KadProtos.Message.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new KadException("malformed kad message: " + e.getMessage());
        }
        return fromProto(pb);
    }

    /** Decodes the readable bytes of a frame without consuming or releasing it. */
    public static KadMessage decode(ByteBuf frame) {
        return decode(ByteBufUtil.getBytes(frame));
    }

    public static byte[] encode(KadMessage message) {
        return toProto(message).toByteArray();
    }

    /** The message with its varint length prefix, ready to write. */
    public static ByteBuf frame(ByteBufAllocator alloc, KadMessage message) {
        return LengthPrefixedFrameDecoder.frame(alloc, encode(message));
    }

    static KadMessage fromProto(KadProtos.Message pb) {
        int typeNumber = pb.getTypeValue();
        if (typeNumber < 0 || typeNumber >= TYPES_BY_WIRE_NUMBER.length) {
            throw new KadException("unknown kad message type " + typeNumber);
        }
        Optional<KadRecord> record = pb.hasRecord()
                ? Optional.of(new KadRecord(pb.getRecord().getKey().toByteArray(), pb.getRecord().getValue().toByteArray(),
                        pb.getRecord().getTimeReceived()))
                : Optional.empty();
        return new KadMessage(TYPES_BY_WIRE_NUMBER[typeNumber], pb.getKey().toByteArray(), record,
                peers(pb.getCloserPeersList()), peers(pb.getProviderPeersList()));
    }

    /** Every array wrapped here is a fresh copy (the accessors clone), so nobody else can change it. */
    static KadProtos.Message toProto(KadMessage m) {
        KadProtos.Message.Builder b = KadProtos.Message.newBuilder()
                .setTypeValue(m.type().wireNumber())
                .setKey(UnsafeByteOperations.unsafeWrap(m.key()));
        m.record().ifPresent(r -> b.setRecord(KadProtos.Record.newBuilder()
                .setKey(UnsafeByteOperations.unsafeWrap(r.key()))
                .setValue(UnsafeByteOperations.unsafeWrap(r.value()))
                .setTimeReceived(r.timeReceived())));
        m.closerPeers().forEach(p -> b.addCloserPeers(toProto(p)));
        m.providerPeers().forEach(p -> b.addProviderPeers(toProto(p)));
        return b.build();
    }

    private static KadProtos.Message.Peer toProto(KadPeer p) {
        KadProtos.Message.Peer.Builder b = KadProtos.Message.Peer.newBuilder()
                .setId(UnsafeByteOperations.unsafeWrap(p.id().toBytes()))
                .setConnectionValue(p.connection().ordinal());
        p.addrs().forEach(a -> b.addAddrs(UnsafeByteOperations.unsafeWrap(a.toBytes())));
        return b.build();
    }

    private static List<KadPeer> peers(List<KadProtos.Message.Peer> pbs) {
        List<KadPeer> out = new ArrayList<>(pbs.size());
        for (KadProtos.Message.Peer pb : pbs) {
            PeerId id;
            try {
                id = PeerId.fromBytes(pb.getId().toByteArray());
            } catch (RuntimeException e) {
                log.debug("skipping a kad peer whose id does not parse: {}", e.getMessage());
                continue;
            }
            List<Multiaddr> addrs = new ArrayList<>(pb.getAddrsCount());
            for (ByteString raw : pb.getAddrsList()) {
                try {
                    addrs.add(Multiaddr.fromBytes(raw.toByteArray()));
                } catch (RuntimeException e) {
                    log.debug("skipping an address of {} that does not parse: {}", id, e.getMessage());
                }
            }
            int c = pb.getConnectionValue();
            // An unknown connection type is advice we cannot read, not an error.
            KadPeer.Connectedness connectedness = c >= 0 && c < CONNECTEDNESS.length
                    ? CONNECTEDNESS[c] : KadPeer.Connectedness.NOT_CONNECTED;
            out.add(new KadPeer(id, addrs, connectedness));
        }
        return out;
    }
}
