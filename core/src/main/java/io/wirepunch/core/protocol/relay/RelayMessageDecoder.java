package io.wirepunch.core.protocol.relay;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import java.util.List;

/**
 * Reads exactly one varint-length-prefixed hop or stop message, then stops reading: what follows
 * on the stream is no longer a message but relayed bytes (or nothing). The handler behind decides
 * what the stream becomes and removes this decoder, which hands on whatever was read after the
 * message. A length above {@link RelayProtocol#MAX_MESSAGE_BYTES} is refused as soon as the prefix
 * shows it, before any byte of the body is buffered; the failure is a {@link RelayWireException}.
 */
public final class RelayMessageDecoder<T extends MessageLite> extends ByteToMessageDecoder {
    private final Parser<T> parser;
    private final String what;
    private final int maxBytes;
    private boolean decoded;

    RelayMessageDecoder(Parser<T> parser, String what, int maxBytes) {
        this.parser = parser;
        this.what = what;
        this.maxBytes = maxBytes;
    }

    public static RelayMessageDecoder<CircuitProtos.HopMessage> hop() {
        return new RelayMessageDecoder<>(CircuitProtos.HopMessage.parser(), "hop message", RelayProtocol.MAX_MESSAGE_BYTES);
    }

    public static RelayMessageDecoder<CircuitProtos.StopMessage> stop() {
        return new RelayMessageDecoder<>(CircuitProtos.StopMessage.parser(), "stop message", RelayProtocol.MAX_MESSAGE_BYTES);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (decoded) {
            return;
        }
        int start = in.readerIndex();
        int length;
        try {
            length = Varint.readLength(in, maxBytes);
        } catch (Varint.MalformedVarintException e) {
            in.skipBytes(in.readableBytes());
            throw new RelayWireException(Status.MALFORMED_MESSAGE, what + " refused: " + e.getMessage());
        }
        if (length == Varint.NEED_MORE) {
            return;
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        byte[] body = new byte[length];
        in.readBytes(body);
        T message;
        try {
            message = parser.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            in.skipBytes(in.readableBytes());
            throw new RelayWireException(Status.MALFORMED_MESSAGE, "malformed " + what + ": " + e.getMessage());
        }
        decoded = true;
        // Whatever comes next waits in the stream's receive window, not here.
        ctx.channel().config().setAutoRead(false);
        out.add(message);
    }
}
