package io.wirepunch.core.invite;

import java.nio.charset.StandardCharsets;

/**
 * The text layer of an invitation: bech32's 32-character alphabet and the BCH checksum of BIP 350
 * (bech32m), over a human-readable prefix and 5-bit symbols.
 *
 * <p>The checksum is the remainder of a degree-6 polynomial over GF(32) whose constant term is not
 * zero. Such a code detects every error confined to 6 consecutive symbols, whatever the length:
 * one substituted character and two swapped neighbours in particular. Anything else slips through
 * with a chance of about 1 in 2^30. The bech32m constant (rather than bech32's 1) removes bech32's
 * weakness of accepting a {@code q} inserted or dropped before a final {@code p}.
 */
final class Bech32m {
    static final String ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    static final int CHECKSUM_SYMBOLS = 6;
    private static final int CONSTANT = 0x2bc830a3;
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Bech32m() {}

    /** The symbol's value 0–31, or -1 when {@code c} (lower case) is not in the alphabet. */
    static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    private static int polymod(int checksum, int symbol) {
        int top = checksum >>> 25;
        checksum = (checksum & 0x1ffffff) << 5 ^ symbol;
        for (int i = 0; i < 5; i++) {
            if ((top >>> i & 1) != 0) {
                checksum ^= GENERATOR[i];
            }
        }
        return checksum;
    }

    private static int prefixState(String prefix) {
        byte[] ascii = prefix.getBytes(StandardCharsets.US_ASCII);
        int c = 1;
        for (byte b : ascii) {
            c = polymod(c, b >>> 5);
        }
        c = polymod(c, 0);
        for (byte b : ascii) {
            c = polymod(c, b & 31);
        }
        return c;
    }

    /** The checksum symbols for {@code data} (5-bit values) under {@code prefix}. */
    static int[] checksum(String prefix, int[] data) {
        int c = prefixState(prefix);
        for (int d : data) {
            c = polymod(c, d);
        }
        for (int i = 0; i < CHECKSUM_SYMBOLS; i++) {
            c = polymod(c, 0);
        }
        c ^= CONSTANT;
        int[] out = new int[CHECKSUM_SYMBOLS];
        for (int i = 0; i < CHECKSUM_SYMBOLS; i++) {
            out[i] = c >>> 5 * (CHECKSUM_SYMBOLS - 1 - i) & 31;
        }
        return out;
    }

    /** Whether {@code symbols} (data followed by the checksum) carry a valid checksum under {@code prefix}. */
    static boolean verify(String prefix, int[] symbols) {
        int c = prefixState(prefix);
        for (int s : symbols) {
            c = polymod(c, s);
        }
        return c == CONSTANT;
    }

    /** Bytes to 5-bit symbols, the last one padded with zero bits. */
    static int[] toSymbols(byte[] bytes) {
        int[] out = new int[(bytes.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (byte b : bytes) {
            acc = acc << 8 | b & 0xff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = acc >>> bits & 31;
            }
            acc &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out[n] = acc << 5 - bits & 31;
        }
        return out;
    }

    /**
     * 5-bit symbols {@code [from, to)} back to bytes; null when the padding is longer than 4 bits
     * or not zero, so that every byte string has exactly one text form.
     */
    static byte[] toBytes(int[] symbols, int from, int to) {
        int count = to - from;
        byte[] out = new byte[count * 5 / 8];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            acc = acc << 5 | symbols[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >>> bits);
            }
            acc &= (1 << bits) - 1;
        }
        if (bits >= 5 || acc != 0) {
            return null;
        }
        return out;
    }
}
