package io.wirepunch.core.multiaddr;

/**
 * IPv6 text forms, parsed and printed here rather than with InetAddress, which would accept
 * host names and scoped forms and print uncompressed text. Output follows RFC 5952.
 */
final class Ip6Text {
    private static final int MAX_CHARS = 45;

    private Ip6Text() {}

    static byte[] parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("too long");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("more than one '::'");
        }
        int[] groups = new int[8];
        int head = gap < 0 ? parseGroups(text, groups, 0, true) : parseGroups(text.substring(0, gap), groups, 0, false);
        if (gap < 0) {
            if (head != 8) {
                throw new IllegalArgumentException("needs 8 groups, has " + head);
            }
        } else {
            int[] tail = new int[8];
            int tailCount = parseGroups(text.substring(gap + 2), tail, 0, true);
            if (head + tailCount > 7) {
                throw new IllegalArgumentException("'::' stands for no group");
            }
            System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    /** Parses colon-separated groups into {@code into}; returns how many 16-bit groups were read. */
    private static int parseGroups(String part, int[] into, int start, boolean ip4Allowed) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] pieces = part.split(":", -1);
        int count = start;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (ip4Allowed && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                if (count + 2 > 8) {
                    throw new IllegalArgumentException("too many groups");
                }
                byte[] v4 = ValueCodec.parseIp4(piece);
                into[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                into[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (piece.isEmpty() || piece.length() > 4) {
                throw new IllegalArgumentException("group '" + piece + "' is not 1 to 4 hex digits");
            }
            if (count >= 8) {
                throw new IllegalArgumentException("too many groups");
            }
            int value = 0;
            for (int j = 0; j < piece.length(); j++) {
                int digit = Character.digit(piece.charAt(j), 16);
                if (digit < 0 || piece.charAt(j) > 'f') {
                    throw new IllegalArgumentException("group '" + piece + "' is not hex");
                }
                value = value * 16 + digit;
            }
            into[count++] = value;
        }
        return count - start;
    }

    static String format(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xFFFF) {
            return "::ffff:" + ValueCodec.formatIp4(address, 12);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
