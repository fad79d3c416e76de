package io.wirepunch.core.multiaddr;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned varints for multiaddr codes and lengths. A stopgap: to be replaced by the shared
 * multiformats varint once that exists. Reads at most {@link #MAX_BYTES} bytes, since every code
 * and length a multiaddr may hold is far below 2^28, and refuses non-minimal encodings so that
 * each address has exactly one binary form.
 */
final class MultiaddrUvarint {
    static final int MAX_BYTES = 4;

    record Decoded(int value, int length) {}

    private MultiaddrUvarint() {}

    /** Reads the varint at {@code offset}; the message says what is wrong, the caller says where. */
    static Decoded read(byte[] in, int offset) {
        int value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= in.length) {
                throw new MultiaddrException("truncated varint");
            }
            int b = in[offset + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MultiaddrException("varint is not minimally encoded");
                }
                return new Decoded(value, i + 1);
            }
        }
        throw new MultiaddrException("varint longer than " + MAX_BYTES + " bytes");
    }

    static void write(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
