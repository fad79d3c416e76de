package io.wirepunch.core.multiformats;

import io.netty.buffer.ByteBuf;

/**
 * The multiformats unsigned varint: 7 bits per byte, least significant group first, high bit set
 * on every byte but the last. Encodings are at most {@value #MAX_BYTES} bytes (63 bits) and must
 * be minimal, so every value has exactly one encoding and a peer cannot make us spin on padding.
 */
public final class Varint {

    /** The practical maximum of the multiformats spec: 9 bytes carry 63 bits. */
    public static final int MAX_BYTES = 9;

    /** Returned by the ByteBuf readers when the buffer ends inside a varint. */
    public static final int NEED_MORE = -1;

    private Varint() {}

    /** A decoded value and the number of bytes its encoding took. */
    public record Decoded(long value, int size) {}

    /** Why an encoding was refused. */
    public enum Problem {
        /** The ninth byte still has its continuation bit set. */
        TOO_LONG,
        /** The encoding has trailing zero groups, e.g. {@code 80 00} for zero. */
        NOT_MINIMAL,
        /** The value is larger than the maximum the caller allows. */
        ABOVE_MAXIMUM,
        /** A byte array ended inside the varint. */
        TRUNCATED
    }

    /** A malformed or unacceptable varint in input that came from outside. */
    public static final class MalformedVarintException extends IllegalArgumentException {
        private final Problem problem;

        MalformedVarintException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Number of bytes {@code value} takes on the wire. */
    public static int encodedLength(long value) {
        requireEncodable(value);
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[encodedLength(value)];
        encode(value, out, 0);
        return out;
    }

    /** Writes {@code value} into {@code dst} at {@code offset}; returns the number of bytes written. */
    public static int encode(long value, byte[] dst, int offset) {
        int size = encodedLength(value);
        long rest = value;
        for (int i = 0; i < size - 1; i++) {
            dst[offset + i] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        dst[offset + size - 1] = (byte) rest;
        return size;
    }

    public static void write(ByteBuf out, long value) {
        int size = encodedLength(value);
        out.ensureWritable(size);
        long rest = value;
        for (int i = 0; i < size - 1; i++) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    /**
     * Decodes a varint at {@code offset} of a complete byte array.
     *
     * @throws MalformedVarintException when the array ends inside the varint or it is malformed
     */
    public static Decoded decode(byte[] src, int offset) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= src.length) {
                throw new MalformedVarintException(Problem.TRUNCATED,
                        "varint truncated after " + i + " byte(s)");
            }
            int b = src[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                requireMinimal(b, i);
                return new Decoded(value, i + 1);
            }
        }
        throw tooLong();
    }

    /**
     * Reads a varint from {@code in}, consuming it only when it is complete.
     *
     * @return the value, or {@link #NEED_MORE} when {@code in} ends inside the varint
     * @throws MalformedVarintException when the varint is malformed
     */
    public static long read(ByteBuf in) {
        return read(in, Long.MAX_VALUE);
    }

    /**
     * Reads a length prefix of at most {@code max}, consuming it only when it is complete. An
     * incomplete prefix that can only end above {@code max} is refused at once, so an attacker
     * cannot make the caller wait for, or allocate, a frame it would refuse anyway.
     *
     * @return the length, or {@link #NEED_MORE} when {@code in} ends inside the varint
     * @throws MalformedVarintException when the varint is malformed or above {@code max}
     */
    public static int readLength(ByteBuf in, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return (int) read(in, max);
    }

    private static long read(ByteBuf in, long max) {
        int start = in.readerIndex();
        int available = in.writerIndex() - start;
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (i >= available) {
                return NEED_MORE;
            }
            int b = in.getUnsignedByte(start + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                requireMinimal(b, i);
                if (value > max) {
                    throw aboveMaximum(Long.toString(value), max);
                }
                in.readerIndex(start + i + 1);
                return value;
            }
            // A minimal encoding longer than i + 1 bytes is at least 2^(7(i+1)): refuse it now,
            // the same way however the input is fragmented.
            int bits = 7 * (i + 1);
            if (bits < 63 && (1L << bits) > max) {
                throw aboveMaximum("at least " + (1L << bits), max);
            }
        }
        throw tooLong();
    }

    private static void requireMinimal(int lastByte, int index) {
        if (lastByte == 0 && index > 0) {
            throw new MalformedVarintException(Problem.NOT_MINIMAL,
                    "varint is not minimally encoded (" + (index + 1) + " bytes with a zero last group)");
        }
    }

    private static MalformedVarintException tooLong() {
        return new MalformedVarintException(Problem.TOO_LONG,
                "varint longer than " + MAX_BYTES + " bytes");
    }

    private static MalformedVarintException aboveMaximum(String value, long max) {
        return new MalformedVarintException(Problem.ABOVE_MAXIMUM,
                "varint value " + value + " exceeds the maximum of " + max);
    }

    private static void requireEncodable(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("unsigned varints carry 0..2^63-1, not " + value);
        }
    }
}
