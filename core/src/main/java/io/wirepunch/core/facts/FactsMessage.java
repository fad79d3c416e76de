package io.wirepunch.core.facts;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.facts.pb.FactsProtos;
import io.wirepunch.core.protocol.LengthPrefixedFrameDecoder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frame of a facts stream: up to {@link FactsProtocol#MAX_FACTS_PER_MESSAGE} signed facts.
 *
 * <p>Decoding refuses the whole message, with a {@link FactWireException}, when it is larger than
 * {@link FactsProtocol#MAX_MESSAGE_BYTES}, is no protobuf, or holds more facts than allowed (counted
 * before any is opened). A single fact that does not open (bad signature, bad value, too large) is
 * skipped alone and counted in {@link #skipped()}: a forwarder passes on what others signed, and one
 * bad fact must not cost the others.
 */
public record FactsMessage(List<SignedFact> facts, int skipped) {
    private static final Logger log = LoggerFactory.getLogger(FactsMessage.class);

    public FactsMessage {
        facts = List.copyOf(facts);
        if (facts.size() > FactsProtocol.MAX_FACTS_PER_MESSAGE) {
            throw new IllegalArgumentException(facts.size() + " facts in one message, at most "
                    + FactsProtocol.MAX_FACTS_PER_MESSAGE + " allowed");
        }
        if (skipped < 0) {
            throw new IllegalArgumentException("negative skipped count");
        }
    }

    public static FactsMessage of(List<SignedFact> facts) {
        return new FactsMessage(facts, 0);
    }

    public static FactsMessage decode(byte[] body) {
        if (body.length > FactsProtocol.MAX_MESSAGE_BYTES) {
            throw new FactWireException("facts message of " + body.length + " bytes exceeds "
                    + FactsProtocol.MAX_MESSAGE_BYTES);
        }
        FactsProtos.FactsMessage pb;
        try {
            pb = FactsProtos.FactsMessage.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new FactWireException("malformed facts message: " + e.getMessage());
        }
        if (pb.getFactsCount() > FactsProtocol.MAX_FACTS_PER_MESSAGE) {
            throw new FactWireException("facts message with " + pb.getFactsCount() + " facts, at most "
                    + FactsProtocol.MAX_FACTS_PER_MESSAGE + " allowed");
        }
        List<SignedFact> facts = new ArrayList<>(pb.getFactsCount());
        int skipped = 0;
        for (ByteString raw : pb.getFactsList()) {
            try {
                facts.add(SignedFact.open(raw.toByteArray()));
            } catch (FactWireException e) {
                skipped++;
                log.debug("skipping a fact: {}", e.getMessage());
            }
        }
        return new FactsMessage(facts, skipped);
    }

    /** Decodes the readable bytes of a frame without consuming or releasing it. */
    public static FactsMessage decode(ByteBuf frame) {
        if (frame.readableBytes() > FactsProtocol.MAX_MESSAGE_BYTES) {
            throw new FactWireException("facts message of " + frame.readableBytes() + " bytes exceeds "
                    + FactsProtocol.MAX_MESSAGE_BYTES);
        }
        return decode(ByteBufUtil.getBytes(frame));
    }

    public byte[] encode() {
        FactsProtos.FactsMessage.Builder b = FactsProtos.FactsMessage.newBuilder();
        facts.forEach(f -> b.addFacts(ByteString.copyFrom(f.toBytes())));
        return b.build().toByteArray();
    }

    /** The message with its varint length prefix, ready to write. */
    public ByteBuf frame(ByteBufAllocator alloc) {
        return LengthPrefixedFrameDecoder.frame(alloc, encode());
    }

    /**
     * Packs facts, in order, into as few messages as fit both {@link FactsProtocol#MAX_FACTS_PER_MESSAGE}
     * and {@link FactsProtocol#MAX_MESSAGE_BYTES}, and at most {@code maxMessages} of them; the facts
     * that do not fit are left out.
     */
    public static List<FactsMessage> pack(List<SignedFact> facts, int maxMessages) {
        List<FactsMessage> out = new ArrayList<>();
        List<SignedFact> current = new ArrayList<>();
        int bytes = 0;
        for (SignedFact f : facts) {
            int cost = 1 + CodedOutputStream.computeUInt32SizeNoTag(f.encodedLength()) + f.encodedLength();
            if (current.size() == FactsProtocol.MAX_FACTS_PER_MESSAGE || bytes + cost > FactsProtocol.MAX_MESSAGE_BYTES) {
                out.add(of(current));
                current = new ArrayList<>();
                bytes = 0;
                if (out.size() == maxMessages) {
                    return out;
                }
            }
            current.add(f);
            bytes += cost;
        }
        if (!current.isEmpty() && out.size() < maxMessages) {
            out.add(of(current));
        }
        return out;
    }
}
