package io.wirepunch.core.multiformats;

/** RFC 4648 base32, lower case, without padding: multibase "base32" (prefix 'b'), how libp2p prints CIDs. */
public final class Base32 {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** Longest text accepted by {@link #decode}; a CID of a sha2-256 PeerId needs 58 characters. */
    public static final int MAX_DECODE_CHARS = 4096;

    private Base32() {}

    public static String encode(byte[] input) {
        StringBuilder out = new StringBuilder((input.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : input) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * Decodes lower-case, unpadded base32. Leftover bits must be zero so that every byte string
     * has exactly one text form (otherwise two texts would name the same PeerId).
     */
    public static byte[] decode(CharSequence input) {
        if (input.length() > MAX_DECODE_CHARS) {
            throw new IllegalArgumentException(
                    "base32 text of " + input.length() + " characters exceeds " + MAX_DECODE_CHARS);
        }
        int tail = input.length() % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("base32 text has an impossible length " + input.length());
        }
        byte[] out = new byte[input.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base32 character '" + c + "' at position " + i);
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                out[written++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out;
    }
}
