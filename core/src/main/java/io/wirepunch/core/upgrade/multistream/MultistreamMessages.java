package io.wirepunch.core.upgrade.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The multistream-select 1.0 wire format: an unsigned varint length, then that many bytes of
 * UTF-8 text whose last byte is a newline (the length counts the newline).
 */
public final class MultistreamMessages {

    public static final String PROTOCOL_ID = "/multistream/1.0.0";
    public static final String NOT_AVAILABLE = "na";
    public static final String LIST = "ls";

    /**
     * Largest length prefix accepted, newline included. go-multistream and js-libp2p refuse
     * anything longer, so no interoperable peer needs more.
     */
    public static final int MAX_MESSAGE_LENGTH = 1024;

    private MultistreamMessages() {}

    /**
     * Reads one message, consuming it only when it is complete.
     *
     * @return the text without its newline, or {@code null} when {@code in} holds no complete message
     * @throws MultistreamException when the message is malformed or too long
     */
    public static String read(ByteBuf in) throws MultistreamException {
        int start = in.readerIndex();
        int length;
        try {
            length = Varint.readLength(in, MAX_MESSAGE_LENGTH);
        } catch (Varint.MalformedVarintException e) {
            Reason reason = e.problem() == Varint.Problem.ABOVE_MAXIMUM
                    ? Reason.MESSAGE_TOO_LONG : Reason.MALFORMED_LENGTH;
            throw new MultistreamException(reason, "bad multistream length prefix: " + e.getMessage(), e);
        }
        if (length == Varint.NEED_MORE) {
            return null;
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return null;
        }
        int textStart = in.readerIndex();
        if (length == 0 || in.getByte(textStart + length - 1) != '\n') {
            throw new MultistreamException(Reason.MISSING_NEWLINE,
                    "multistream message of " + length + " bytes does not end with a newline");
        }
        if (!ByteBufUtil.isText(in, textStart, length, StandardCharsets.UTF_8)) {
            throw new MultistreamException(Reason.INVALID_UTF8, "multistream message is not valid UTF-8");
        }
        String text = in.toString(textStart, length - 1, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return text;
    }

    /** Appends one message carrying {@code text}. */
    public static void write(ByteBuf out, String text) {
        byte[] bytes = (text + '\n').getBytes(StandardCharsets.UTF_8);
        Varint.write(out, bytes.length);
        out.writeBytes(bytes);
    }

    /** Encodes several messages into one buffer, so they leave in one write. */
    public static ByteBuf encode(ByteBufAllocator alloc, String... texts) {
        ByteBuf out = alloc.buffer();
        for (String text : texts) {
            write(out, text);
        }
        return out;
    }

    /**
     * The answer to {@code ls}, as go-multistream writes it: one message whose body is the
     * protocols, each itself length-prefixed and newline-terminated.
     */
    public static ByteBuf encodeList(ByteBufAllocator alloc, Collection<String> protocols) {
        ByteBuf body = alloc.buffer();
        try {
            for (String protocol : protocols) {
                write(body, protocol);
            }
            body.writeByte('\n');
            ByteBuf out = alloc.buffer(Varint.MAX_BYTES + body.readableBytes());
            Varint.write(out, body.readableBytes());
            out.writeBytes(body);
            return out;
        } finally {
            body.release();
        }
    }

    /**
     * Checks that {@code protocol} can be sent: non-empty, no newline, and short enough for
     * every peer to accept.
     */
    public static String requireValidProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("protocol id must not be empty");
        }
        if (protocol.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("protocol id must not contain a newline: " + protocol);
        }
        int length = protocol.getBytes(StandardCharsets.UTF_8).length + 1;
        if (length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("protocol id of " + length + " bytes exceeds "
                    + MAX_MESSAGE_LENGTH + ": " + protocol.substring(0, 32) + "...");
        }
        return protocol;
    }

    /** A short, printable form of remote text for error messages, so a peer cannot flood or forge log lines. */
    static String preview(String remoteText) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(remoteText.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = remoteText.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return sb.append(remoteText.length() > limit ? "...'" : "'").toString();
    }
}
