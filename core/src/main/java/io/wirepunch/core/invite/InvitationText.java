package io.wirepunch.core.invite;

import io.wirepunch.core.invite.InvitationException.Kind;

/**
 * The text form of an invitation: {@code wp1}, the version symbol, the payload in 5-bit symbols,
 * the checksum. Reading is forgiving about what chat apps and people do to text (case, white space,
 * line breaks, dashes, soft hyphens, zero-width spaces) and strict about everything else.
 */
final class InvitationText {
    /** Fewest symbols after {@code wp1}: the version and the checksum. */
    private static final int MIN_SYMBOLS = 1 + Bech32m.CHECKSUM_SYMBOLS;
    /** Most symbols after {@code wp1}: the version, the largest payload, the checksum. */
    static final int MAX_SYMBOLS = 1 + (Invitation.MAX_PAYLOAD_BYTES * 8 + 4) / 5 + Bech32m.CHECKSUM_SYMBOLS;

    private InvitationText() {}

    static String encode(Invitation invitation) {
        int[] payload = Bech32m.toSymbols(InvitationPayload.encode(invitation));
        int[] data = new int[1 + payload.length];
        data[0] = Invitation.VERSION;
        System.arraycopy(payload, 0, data, 1, payload.length);
        int[] checksum = Bech32m.checksum(Invitation.PREFIX, data);
        StringBuilder out = new StringBuilder(Invitation.START.length() + data.length + checksum.length);
        out.append(Invitation.START);
        for (int s : data) {
            out.append(Bech32m.ALPHABET.charAt(s));
        }
        for (int s : checksum) {
            out.append(Bech32m.ALPHABET.charAt(s));
        }
        return out.toString();
    }

    static Invitation decode(String text) {
        if (text.length() > Invitation.MAX_TEXT_CHARS) {
            throw new InvitationException(Kind.MALFORMED, "that text is too long to be an invitation: it has more than "
                    + Invitation.MAX_TEXT_CHARS + " characters");
        }
        StringBuilder kept = new StringBuilder(text.length());
        int[] positions = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ignored(c)) {
                continue;
            }
            positions[kept.length()] = i + 1;
            kept.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        if (kept.length() == 0) {
            throw new InvitationException(Kind.MALFORMED, "that invitation is empty");
        }
        int start = Invitation.START.length();
        if (kept.length() < start || !kept.substring(0, start).equals(Invitation.START)) {
            throw new InvitationException(Kind.MALFORMED, "that is not a Wirepunch invitation: it does not start with "
                    + Invitation.START);
        }
        int count = kept.length() - start;
        if (count > MAX_SYMBOLS) {
            throw new InvitationException(Kind.MALFORMED, "that invitation is longer than any Wirepunch makes ("
                    + count + " characters after " + Invitation.START + ", at most " + MAX_SYMBOLS + ")");
        }
        int[] symbols = new int[count];
        for (int i = 0; i < count; i++) {
            char c = kept.charAt(start + i);
            int v = Bech32m.value(c);
            if (v < 0) {
                throw new InvitationException(Kind.MALFORMED, "that invitation contains " + describe(c)
                        + " at character " + positions[start + i] + ", which invitations never use");
            }
            symbols[i] = v;
        }
        if (count < MIN_SYMBOLS) {
            throw new InvitationException(Kind.MISTYPED, "that invitation was cut off: it is too short to hold anything");
        }
        if (!Bech32m.verify(Invitation.PREFIX, symbols)) {
            throw new InvitationException(Kind.MISTYPED, Invitation.MISTYPED);
        }
        if (symbols[0] != Invitation.VERSION) {
            throw new InvitationException(Kind.UNKNOWN_VERSION, "that invitation is in format version " + symbols[0]
                    + ", which this release of Wirepunch does not read (it reads version " + Invitation.VERSION
                    + "); a newer release may");
        }
        byte[] payload = Bech32m.toBytes(symbols, 1, count - Bech32m.CHECKSUM_SYMBOLS);
        if (payload == null) {
            throw new InvitationException(Kind.MALFORMED, "that invitation is damaged: its payload does not end on a whole byte");
        }
        return InvitationPayload.decode(payload);
    }

    /** What people and chat apps add to text without meaning it. */
    private static boolean ignored(char c) {
        return c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\u00ad' || c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff'
                || c == '\u2010' || c == '\u2011';
    }

    private static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("the character U+%04X", (int) c);
    }
}
