package io.wirepunch.core.multiformats;

/**
 * The multibase encodings libp2p meets in PeerIds: base32 lower ('b', what libp2p prints),
 * base36 lower ('k') and base58btc ('z'). Other prefixes are refused by name.
 */
public enum Multibase {
    BASE32('b'),
    BASE36('k'),
    BASE58BTC('z');

    private final char prefix;

    Multibase(char prefix) {
        this.prefix = prefix;
    }

    public char prefix() {
        return prefix;
    }

    public String encode(byte[] data) {
        return prefix + switch (this) {
            case BASE32 -> Base32.encode(data);
            case BASE36 -> Base36.encode(data);
            case BASE58BTC -> Base58.encode(data);
        };
    }

    /** True when {@code text} starts with one of the prefixes this class decodes. */
    public static boolean hasKnownPrefix(CharSequence text) {
        return !text.isEmpty() && forPrefix(text.charAt(0)) != null;
    }

    /** Decodes prefixed text; throws {@link IllegalArgumentException} that names what is wrong. */
    public static byte[] decode(CharSequence text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty multibase text");
        }
        Multibase base = forPrefix(text.charAt(0));
        if (base == null) {
            throw new IllegalArgumentException("unsupported multibase prefix '" + text.charAt(0) + "'");
        }
        CharSequence body = text.subSequence(1, text.length());
        if (body.isEmpty()) {
            throw new IllegalArgumentException("multibase text has a prefix but no data");
        }
        return switch (base) {
            case BASE32 -> Base32.decode(body);
            case BASE36 -> Base36.decode(body);
            case BASE58BTC -> Base58.decode(body);
        };
    }

    private static Multibase forPrefix(char c) {
        for (Multibase b : values()) {
            if (b.prefix == c) {
                return b;
            }
        }
        return null;
    }
}
