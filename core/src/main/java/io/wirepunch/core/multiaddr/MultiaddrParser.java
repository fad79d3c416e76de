package io.wirepunch.core.multiaddr;

import io.wirepunch.core.multiformats.Varint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text and binary forms. Limits are checked before anything is allocated for the
 * input, and every error names the bad component and the address it is in.
 */
final class MultiaddrParser {
    /** Longest text form read; a circuit address with two CID PeerIds needs about 250 characters. */
    static final int MAX_TEXT_CHARS = 1024;
    /** Longest binary form read or built. */
    static final int MAX_BYTES = 512;
    /** Most components in one address; a relayed address has about seven. */
    static final int MAX_COMPONENTS = 16;
    /** How much of a bad input an error message quotes. */
    private static final int QUOTED_CHARS = 160;

    private MultiaddrParser() {}

    static List<Component> parseText(String text) {
        if (text == null || text.isEmpty()) {
            throw new MultiaddrException("empty multiaddr");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new MultiaddrException("multiaddr text of " + text.length() + " characters exceeds " + MAX_TEXT_CHARS
                    + ": " + quote(text));
        }
        if (text.charAt(0) != '/') {
            throw new MultiaddrException("multiaddr must start with '/': " + quote(text));
        }
        List<Component> components = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int nameEnd = nextSlash(text, position + 1);
            String name = text.substring(position + 1, nameEnd);
            if (name.isEmpty()) {
                throw new MultiaddrException("empty protocol name at position " + position + " in " + quote(text));
            }
            Protocol protocol = Protocol.byName(name);
            if (protocol == null) {
                throw new MultiaddrException("unknown protocol '" + name + "' in " + quote(text));
            }
            if (components.size() == MAX_COMPONENTS) {
                throw new MultiaddrException("more than " + MAX_COMPONENTS + " components in " + quote(text));
            }
            position = nameEnd;
            String value = null;
            if (protocol.hasValue()) {
                if (position >= text.length()) {
                    throw new MultiaddrException("missing value for /" + name + " in " + quote(text));
                }
                int valueEnd = nextSlash(text, position + 1);
                value = text.substring(position + 1, valueEnd);
                if (value.isEmpty()) {
                    throw new MultiaddrException("empty value for /" + name + " in " + quote(text));
                }
                position = valueEnd;
            }
            try {
                components.add(Component.of(protocol, value));
            } catch (MultiaddrException e) {
                throw new MultiaddrException(e.getMessage() + " in " + quote(text));
            }
        }
        checkStructure(components, quote(text));
        return components;
    }

    static List<Component> parseBytes(byte[] bytes) {
        if (bytes.length == 0) {
            throw new MultiaddrException("empty binary multiaddr");
        }
        if (bytes.length > MAX_BYTES) {
            throw new MultiaddrException("binary multiaddr of " + bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        List<Component> components = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            int start = position;
            try {
                Varint.Decoded code = varint(bytes, position);
                Protocol protocol = code.value() > Integer.MAX_VALUE ? null : Protocol.byCode((int) code.value());
                if (protocol == null) {
                    throw new MultiaddrException("unknown protocol code 0x" + Long.toHexString(code.value()));
                }
                if (components.size() == MAX_COMPONENTS) {
                    throw new MultiaddrException("more than " + MAX_COMPONENTS + " components");
                }
                position += code.size();
                int length = protocol.fixedSize();
                if (protocol.isLengthPrefixed()) {
                    Varint.Decoded prefix = varint(bytes, position);
                    position += prefix.size();
                    if (prefix.value() > protocol.maxValueBytes()) {
                        throw new MultiaddrException(protocol + " value of " + prefix.value() + " bytes exceeds "
                                + protocol.maxValueBytes());
                    }
                    length = (int) prefix.value();
                }
                if (length > bytes.length - position) {
                    throw new MultiaddrException("truncated " + protocol + " value: needs " + length + " bytes, "
                            + (bytes.length - position) + " left");
                }
                components.add(Component.ofBytes(protocol, Arrays.copyOfRange(bytes, position, position + length)));
                position += length;
            } catch (MultiaddrException e) {
                throw new MultiaddrException(e.getMessage() + " at byte " + start + " of a binary multiaddr");
            }
        }
        checkStructure(components, "a binary multiaddr");
        return components;
    }

    /** Rules that span components; also applied to addresses built by encapsulation. */
    static void checkStructure(List<Component> components, String where) {
        if (components.size() > MAX_COMPONENTS) {
            throw new MultiaddrException("more than " + MAX_COMPONENTS + " components in " + where);
        }
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).protocol() == Protocol.IP6ZONE
                    && (i + 1 == components.size() || components.get(i + 1).protocol() != Protocol.IP6)) {
                throw new MultiaddrException("ip6zone must be followed by ip6 in " + where);
            }
        }
    }

    static String quote(String text) {
        return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "…";
    }

    private static int nextSlash(String text, int from) {
        int slash = text.indexOf('/', from);
        return slash < 0 ? text.length() : slash;
    }

    private static Varint.Decoded varint(byte[] bytes, int position) {
        try {
            return Varint.decode(bytes, position);
        } catch (Varint.MalformedVarintException e) {
            throw new MultiaddrException(e.getMessage());
        }
    }
}
