package io.wirepunch.core.upgrade.multistream;

import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.MAX_MESSAGE_LENGTH;
import static io.wirepunch.core.upgrade.multistream.MultistreamMessages.PROTOCOL_ID;
import static io.wirepunch.core.upgrade.multistream.Wire.concat;
import static io.wirepunch.core.upgrade.multistream.Wire.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.multiformats.Varint;
import io.wirepunch.core.upgrade.multistream.MultistreamException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultistreamMessagesTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** A message whose length prefix is {@code length} and whose body is {@code length} bytes ending in '\n'. */
    private static byte[] messageOfLength(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'a');
        body[0] = '/';
        body[length - 1] = '\n';
        return concat(Varint.encode(length), body);
    }

    @Test
    void encodesTheHeaderAsTheSpecShowsIt() {
        assertThat(messages(PROTOCOL_ID)).isEqualTo(concat(new byte[] {0x13},
                "/multistream/1.0.0\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsNothingUntilAMessageIsComplete() throws Exception {
        byte[] whole = messages("/noise");
        ByteBuf buf = Unpooled.buffer();
        try {
            for (int i = 0; i < whole.length - 1; i++) {
                buf.writeByte(whole[i]);
                assertThat(MultistreamMessages.read(buf)).isNull();
                assertThat(buf.readerIndex()).isZero();
            }
            buf.writeByte(whole[whole.length - 1]);
            assertThat(MultistreamMessages.read(buf)).isEqualTo("/noise");
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void acceptsTheMaximumLength() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(messageOfLength(MAX_MESSAGE_LENGTH));
        try {
            assertThat(MultistreamMessages.read(buf)).hasSize(MAX_MESSAGE_LENGTH - 1);
        } finally {
            buf.release();
        }
    }

    @Test
    void refusesOneByteAboveTheMaximumFromThePrefixAlone() {
        // Only the prefix is sent: the refusal must not wait for, or buffer, the 1025 bytes.
        assertReason(Varint.encode(MAX_MESSAGE_LENGTH + 1), Reason.MESSAGE_TOO_LONG);
    }

    @ParameterizedTest
    @CsvSource({
            "ffffffffffffffffff01, MESSAGE_TOO_LONG",   // over-long varint: refused on its second byte
            "8080, MESSAGE_TOO_LONG",                   // incomplete, but already at least 16384
            "8300, MALFORMED_LENGTH",                   // 3, not minimally encoded
            "00, MISSING_NEWLINE",                      // empty message
            "032f6e61, MISSING_NEWLINE",                // "/na" without newline
            "03ff fe0a, INVALID_UTF8",
            "04c3 280a0a, INVALID_UTF8",                // truncated two-byte sequence
            "04eda0800a, INVALID_UTF8",                 // UTF-16 surrogate encoded as UTF-8
    })
    void namesEachMalformation(String input, Reason reason) {
        assertReason(hex(input.replace(" ", "")), reason);
    }

    private static void assertReason(byte[] input, Reason reason) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        try {
            assertThatThrownBy(() -> MultistreamMessages.read(buf))
                    .isInstanceOfSatisfying(MultistreamException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        } finally {
            buf.release();
        }
        // The same bytes from a remote close the channel and tell the listener why.
        RecordingListener listener = new RecordingListener();
        EmbeddedChannel channel = new EmbeddedChannel(new MultistreamResponder(ProtocolMatcher.of("/noise"), listener));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(concat(messages(PROTOCOL_ID), input)));
            assertThat(listener.onlyFailureReason()).isEqualTo(reason);
            assertThat(channel.isOpen()).isFalse();
        } finally {
            channel.finishAndReleaseAll();
            listener.release();
        }
    }

    @Test
    void refusesProtocolIdsThatCannotBeSent() {
        assertThatThrownBy(() -> MultistreamMessages.requireValidProtocol("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultistreamMessages.requireValidProtocol("/a\n/b")).isInstanceOf(IllegalArgumentException.class);
        String longest = "/" + "x".repeat(MAX_MESSAGE_LENGTH - 2);
        assertThat(MultistreamMessages.requireValidProtocol(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> MultistreamMessages.requireValidProtocol(longest + "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void previewsRemoteTextSafely() {
        assertThat(MultistreamMessages.preview("a\rb")).isEqualTo("'a?b'");
        assertThat(MultistreamMessages.preview("y".repeat(100))).hasSize(64 + 5).endsWith("...'");
    }
}
