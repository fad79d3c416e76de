package io.wirepunch.core.multiformats;

import java.math.BigInteger;
import java.util.Arrays;

/** Base36, lower case (multibase "base36", prefix 'k'); leading zero bytes become leading '0's. */
public final class Base36 {
    private static final BigInteger RADIX = BigInteger.valueOf(36);

    /** Longest text accepted by {@link #decode}; bounds the big-number work an input can cause. */
    public static final int MAX_DECODE_CHARS = 256;

    private Base36() {}

    public static String encode(byte[] input) {
        int zeros = leadingZeroBytes(input);
        String digits = input.length == zeros ? "" : new BigInteger(1, input).toString(36);
        return "0".repeat(zeros) + digits;
    }

    public static byte[] decode(CharSequence input) {
        if (input.length() > MAX_DECODE_CHARS) {
            throw new IllegalArgumentException(
                    "base36 text of " + input.length() + " characters exceeds " + MAX_DECODE_CHARS);
        }
        int zeros = 0;
        while (zeros < input.length() && input.charAt(zeros) == '0') {
            zeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = zeros; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base36 character '" + c + "' at position " + i);
            }
            value = value.multiply(RADIX).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        if (magnitude.length > 0 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return out;
    }

    private static int leadingZeroBytes(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        return zeros;
    }
}
