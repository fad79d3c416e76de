package io.wirepunch.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wirepunch.core.multiformats.Varint.MalformedVarintException;
import io.wirepunch.core.multiformats.Varint.Problem;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7f", "128,8001", "255,ff01", "300,ac02", "16384,808001",
            "9223372036854775807,ffffffffffffffff7f"})
    void encodesAndDecodesTheSpecExamples(long value, String encoding) {
        assertThat(Varint.encode(value)).isEqualTo(hex(encoding));
        assertThat(Varint.encodedLength(value)).isEqualTo(encoding.length() / 2);
        assertThat(Varint.decode(hex(encoding), 0)).isEqualTo(new Varint.Decoded(value, encoding.length() / 2));

        ByteBuf buf = Unpooled.buffer();
        try {
            Varint.write(buf, value);
            buf.writeByte(0x55);
            assertThat(Varint.read(buf)).isEqualTo(value);
            assertThat(buf.readableBytes()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void encodesIntoAnArrayAtAnOffset() {
        byte[] dst = new byte[5];
        assertThat(Varint.encode(300, dst, 2)).isEqualTo(2);
        assertThat(dst).isEqualTo(hex("0000ac0200"));
        assertThat(Varint.decode(dst, 2)).isEqualTo(new Varint.Decoded(300, 2));
    }

    @Test
    void refusesNegativeValues() {
        assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incompleteInputConsumesNothingAndAsksForMore() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("8080"));
        try {
            assertThat(Varint.read(buf)).isEqualTo(Varint.NEED_MORE);
            assertThat(buf.readerIndex()).isZero();
            assertThat(Varint.readLength(Unpooled.EMPTY_BUFFER, 10)).isEqualTo(Varint.NEED_MORE);
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesFedOneByteAtATime() {
        byte[] encoding = hex("808001");
        ByteBuf buf = Unpooled.buffer();
        try {
            for (int i = 0; i < encoding.length - 1; i++) {
                buf.writeByte(encoding[i]);
                assertThat(Varint.read(buf)).isEqualTo(Varint.NEED_MORE);
            }
            buf.writeByte(encoding[encoding.length - 1]);
            assertThat(Varint.read(buf)).isEqualTo(16384);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @CsvSource({"8000", "ff00", "808000", "ffffffffffffffff00"})
    void refusesNonMinimalEncodings(String encoding) {
        assertProblem(encoding, Problem.NOT_MINIMAL);
    }

    @ParameterizedTest
    @CsvSource({"ffffffffffffffff80", "ffffffffffffffffff01", "80808080808080808001"})
    void refusesEncodingsLongerThanNineBytes(String encoding) {
        assertProblem(encoding, Problem.TOO_LONG);
    }

    @Test
    void reportsTruncatedArrays() {
        assertThatThrownBy(() -> Varint.decode(hex("ff"), 0))
                .isInstanceOfSatisfying(MalformedVarintException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED));
    }

    @Test
    void readLengthAcceptsTheMaximumAndRefusesOneMore() {
        ByteBuf atMax = Unpooled.wrappedBuffer(Varint.encode(1024));
        ByteBuf above = Unpooled.wrappedBuffer(Varint.encode(1025));
        try {
            assertThat(Varint.readLength(atMax, 1024)).isEqualTo(1024);
            assertThatThrownBy(() -> Varint.readLength(above, 1024))
                    .isInstanceOfSatisfying(MalformedVarintException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.ABOVE_MAXIMUM))
                    .hasMessageContaining("1025").hasMessageContaining("1024");
            assertThat(above.readerIndex()).isZero();
        } finally {
            atMax.release();
            above.release();
        }
    }

    @Test
    void readLengthRefusesAnIncompletePrefixThatCanOnlyEndAboveTheMaximum() {
        // Two continuation bytes: any minimal completion is at least 2^14 = 16384.
        ByteBuf buf = Unpooled.wrappedBuffer(hex("8080"));
        try {
            assertThatThrownBy(() -> Varint.readLength(buf, 1024))
                    .isInstanceOfSatisfying(MalformedVarintException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.ABOVE_MAXIMUM));
            assertThat(Varint.readLength(buf, 16384)).isEqualTo(Varint.NEED_MORE);
        } finally {
            buf.release();
        }
    }

    @Test
    void readLengthRefusesValuesBeyondAnInt() {
        ByteBuf buf = Unpooled.wrappedBuffer(Varint.encode(1L << 40));
        try {
            assertThatThrownBy(() -> Varint.readLength(buf, Integer.MAX_VALUE))
                    .isInstanceOf(MalformedVarintException.class);
        } finally {
            buf.release();
        }
    }

    private static void assertProblem(String encoding, Problem problem) {
        assertThatThrownBy(() -> Varint.decode(hex(encoding), 0))
                .isInstanceOfSatisfying(MalformedVarintException.class, e -> assertThat(e.problem()).isEqualTo(problem));
        ByteBuf buf = Unpooled.wrappedBuffer(hex(encoding));
        try {
            assertThatThrownBy(() -> Varint.read(buf))
                    .isInstanceOfSatisfying(MalformedVarintException.class, e -> assertThat(e.problem()).isEqualTo(problem));
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }
}
