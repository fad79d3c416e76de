package io.wirepunch.core.multiaddr;

import io.wirepunch.core.identity.InvalidKeyException;
import io.wirepunch.core.identity.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Converts one component's value between text and bytes. Errors are {@link MultiaddrException}s
 * that say what is wrong with the value ("bad tcp port '70000'"); the parser adds where.
 */
final class ValueCodec {
    private ValueCodec() {}

    static byte[] fromText(Protocol protocol, String text) {
        return switch (protocol) {
            case IP4 -> {
                try {
                    yield parseIp4(text);
                } catch (IllegalArgumentException e) {
                    throw new MultiaddrException("bad ip4 address '" + text + "'");
                }
            }
            case IP6 -> {
                try {
                    yield Ip6Text.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new MultiaddrException("bad ip6 address '" + text + "' (" + e.getMessage() + ")");
                }
            }
            case TCP, UDP -> parsePort(protocol, text);
            case DNS, DNS4, DNS6, DNSADDR, IP6ZONE -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                checkName(protocol, text, utf8.length);
                yield utf8;
            }
            case P2P -> {
                try {
                    yield PeerId.parse(text).toBytes();
                } catch (InvalidKeyException e) {
                    throw new MultiaddrException("bad p2p peer id '" + text + "': " + e.getMessage());
                }
            }
            case P2P_CIRCUIT, QUIC_V1 -> throw new IllegalStateException(protocol + " has no value");
        };
    }

    /** True when every value of the protocol's size is valid, so that {@link #toText} cannot refuse one. */
    static boolean anyValueOfItsSizeIsValid(Protocol protocol) {
        return switch (protocol) {
            case IP4, IP6, TCP, UDP, P2P_CIRCUIT, QUIC_V1 -> true;
            case DNS, DNS4, DNS6, DNSADDR, IP6ZONE, P2P -> false;
        };
    }

    /** Text of a value that came from bytes; also the place where binary values are validated. */
    static String toText(Protocol protocol, byte[] value) {
        return switch (protocol) {
            case IP4 -> formatIp4(value, 0);
            case IP6 -> Ip6Text.format(value);
            case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
            case DNS, DNS4, DNS6, DNSADDR, IP6ZONE -> {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(value)).toString();
                } catch (CharacterCodingException e) {
                    throw new MultiaddrException("bad " + protocol + " name: not UTF-8");
                }
                checkName(protocol, text, value.length);
                yield text;
            }
            case P2P -> {
                try {
                    yield PeerId.fromBytes(value).toBase58();
                } catch (InvalidKeyException e) {
                    throw new MultiaddrException("bad p2p peer id: " + e.getMessage());
                }
            }
            case P2P_CIRCUIT, QUIC_V1 -> "";
        };
    }

    /** Names may hold anything but '/', which would split the text form, and control characters. */
    private static void checkName(Protocol protocol, String text, int byteLength) {
        if (byteLength == 0) {
            throw new MultiaddrException("empty " + protocol + " name");
        }
        if (byteLength > Protocol.MAX_NAME_BYTES) {
            throw new MultiaddrException(protocol + " name of " + byteLength + " bytes exceeds " + Protocol.MAX_NAME_BYTES);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c <= 0x20 || c == 0x7F) {
                throw new MultiaddrException("bad " + protocol + " name: character 0x" + Integer.toHexString(c)
                        + " at position " + i + " is not allowed");
            }
        }
    }

    private static byte[] parsePort(Protocol protocol, String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0') || Integer.parseInt(text) > 0xFFFF) {
            throw new MultiaddrException("bad " + protocol + " port '" + text + "'");
        }
        int port = Integer.parseInt(text);
        return new byte[] {(byte) (port >>> 8), (byte) port};
    }

    /** Dotted decimal with exactly four parts and no leading zeros (which some readers take as octal). */
    static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not four parts");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            boolean digits = !p.isEmpty() && p.length() <= 3 && p.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("bad part '" + p + "'");
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    static String formatIp4(byte[] address, int offset) {
        return (address[offset] & 0xFF) + "." + (address[offset + 1] & 0xFF) + "."
                + (address[offset + 2] & 0xFF) + "." + (address[offset + 3] & 0xFF);
    }
}
