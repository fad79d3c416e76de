package io.wirepunch.core.crypto.der;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict reader of the few DER types key formats use: definite, minimal lengths; minimal
 * INTEGERs; BIT STRINGs without unused bits; low tag numbers only. It reads a flat sequence of
 * elements; a constructed element is read by the reader {@link #readSequence} or
 * {@link #readExplicit} returns. Anything else is a {@link DerException}, never a partial value.
 */
public final class DerReader {
    /** Largest input accepted: an 8192-bit RSA private key in PKCS#1 is about 4.7 KB. */
    public static final int MAX_INPUT_BYTES = 16 * 1024;
    /** Length octets after the 0x8n byte; two cover every length below {@link #MAX_INPUT_BYTES}. */
    public static final int MAX_LENGTH_OCTETS = 2;

    public static final int TAG_INTEGER = 0x02;
    public static final int TAG_BIT_STRING = 0x03;
    public static final int TAG_OCTET_STRING = 0x04;
    public static final int TAG_NULL = 0x05;
    public static final int TAG_OBJECT_IDENTIFIER = 0x06;
    public static final int TAG_SEQUENCE = 0x30;
    /** Context-specific, constructed, tag number 0; add n for [n]. */
    public static final int TAG_EXPLICIT_0 = 0xa0;

    private final byte[] der;
    private final int end;
    private int position;

    private DerReader(byte[] der, int position, int end) {
        this.der = der;
        this.position = position;
        this.end = end;
    }

    /** A reader of {@code der}, which must hold exactly one element; the caller checks that with {@link #requireEnd()}. */
    public static DerReader of(byte[] der) {
        if (der.length > MAX_INPUT_BYTES) {
            throw new DerException("DER input of " + der.length + " bytes exceeds " + MAX_INPUT_BYTES);
        }
        return new DerReader(der, 0, der.length);
    }

    public boolean hasMore() {
        return position < end;
    }

    /** The tag of the next element, or -1 at the end. */
    public int peekTag() {
        return hasMore() ? der[position] & 0xff : -1;
    }

    public void requireEnd() {
        if (hasMore()) {
            throw new DerException((end - position) + " unexpected bytes after the last element");
        }
    }

    public DerReader readSequence() {
        int length = header(TAG_SEQUENCE, "SEQUENCE");
        DerReader inner = new DerReader(der, position, position + length);
        position += length;
        return inner;
    }

    /** The contents of an explicitly tagged [n] element, as a reader. */
    public DerReader readExplicit(int tagNumber) {
        if (tagNumber < 0 || tagNumber > 30) {
            throw new IllegalArgumentException("tag number " + tagNumber + " is not a low tag number");
        }
        int length = header(TAG_EXPLICIT_0 + tagNumber, "[" + tagNumber + "]");
        DerReader inner = new DerReader(der, position, position + length);
        position += length;
        return inner;
    }

    public BigInteger readInteger() {
        int length = header(TAG_INTEGER, "INTEGER");
        if (length == 0) {
            throw new DerException("INTEGER with no content");
        }
        if (length > 1) {
            int first = der[position];
            int second = der[position + 1];
            if ((first == 0 && second >= 0) || (first == -1 && second < 0)) {
                throw new DerException("INTEGER is not minimally encoded");
            }
        }
        BigInteger value = new BigInteger(der, position, length);
        position += length;
        return value;
    }

    public byte[] readOctetString() {
        return content(header(TAG_OCTET_STRING, "OCTET STRING"));
    }

    /** The bits of a BIT STRING whose length is a whole number of bytes. */
    public byte[] readBitString() {
        int length = header(TAG_BIT_STRING, "BIT STRING");
        if (length == 0) {
            throw new DerException("BIT STRING with no unused-bits octet");
        }
        if (der[position] != 0) {
            throw new DerException("BIT STRING with unused bits");
        }
        position++;
        return content(length - 1);
    }

    /** The content octets of an OBJECT IDENTIFIER, checked to be well formed; compare them to a known OID's. */
    public byte[] readObjectIdentifier() {
        int length = header(TAG_OBJECT_IDENTIFIER, "OBJECT IDENTIFIER");
        if (length == 0) {
            throw new DerException("OBJECT IDENTIFIER with no content");
        }
        byte[] content = content(length);
        boolean startOfArc = true;
        for (byte b : content) {
            if (startOfArc && (b & 0xff) == 0x80) {
                throw new DerException("OBJECT IDENTIFIER arc is not minimally encoded");
            }
            startOfArc = b >= 0;
        }
        if (!startOfArc) {
            throw new DerException("OBJECT IDENTIFIER ends inside an arc");
        }
        return content;
    }

    private byte[] content(int length) {
        byte[] out = Arrays.copyOfRange(der, position, position + length);
        position += length;
        return out;
    }

    /** Reads a tag and length, checks them, and returns the length (now bounded by the enclosing element). */
    private int header(int expectedTag, String name) {
        if (!hasMore()) {
            throw new DerException("expected " + name + " but the input ended");
        }
        int tag = der[position] & 0xff;
        if (tag != expectedTag) {
            throw new DerException(String.format("expected %s (tag 0x%02x) but found tag 0x%02x", name, expectedTag, tag));
        }
        position++;
        if (!hasMore()) {
            throw new DerException(name + " has no length");
        }
        int first = der[position++] & 0xff;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0) {
                throw new DerException(name + " has an indefinite length, which DER forbids");
            }
            if (octets > MAX_LENGTH_OCTETS) {
                throw new DerException(name + " has " + octets + " length octets, more than " + MAX_LENGTH_OCTETS);
            }
            if (end - position < octets) {
                throw new DerException(name + " length is cut short");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[position++] & 0xff);
            }
            if (length < 0x80 || (der[position - octets] & 0xff) == 0) {
                throw new DerException(name + " length is not minimally encoded");
            }
        }
        if (length > end - position) {
            throw new DerException(name + " of " + length + " bytes overruns its " + (end - position) + " remaining");
        }
        return length;
    }
}
