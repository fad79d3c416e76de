package io.wirepunch.core.crypto.der;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** DER encodings of the few types the project writes: INTEGERs and SEQUENCEs of encoded elements. */
public final class DerWriter {
    private DerWriter() {}

    public static byte[] integer(BigInteger value) {
        return element(DerReader.TAG_INTEGER, value.toByteArray());
    }

    public static byte[] sequence(byte[]... encodedElements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] e : encodedElements) {
            content.writeBytes(e);
        }
        return element(DerReader.TAG_SEQUENCE, content.toByteArray());
    }

    static byte[] element(int tag, byte[] content) {
        int length = content.length;
        if (length >= DerReader.MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("DER element of " + length + " bytes exceeds " + DerReader.MAX_INPUT_BYTES);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
