package io.wirepunch.core.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * Where a peer can be reached from outside the overlay: {@code host[:port]}, the host a DNS name,
 * an IPv4 address or a bracketed IPv6 address ({@code [2001:db8::1]:4001}). Without a port the
 * application chooses one. Parsing never resolves a name.
 */
public record Endpoint(String host, OptionalInt port) {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    /** Checks {@code host} as {@link #parse} does, so an endpoint made in code writes back as valid text. */
    public Endpoint {
        checkHost(host);
        port.ifPresent(p -> {
            if (p < MIN_PORT || p > MAX_PORT) {
                throw new IllegalArgumentException("port " + p + " is outside " + MIN_PORT + "–" + MAX_PORT);
            }
        });
    }

    /** Parses {@code host[:port]}; the exception's message says what is wrong. */
    public static Endpoint parse(String text) {
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has no closing ']'");
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new IllegalArgumentException("'" + text + "' has text after ']' that is not ':port'");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0) {
                if (text.indexOf(':', colon + 1) >= 0) {
                    throw new IllegalArgumentException("'" + text + "' has several ':'; write an IPv6 address in brackets");
                }
                host = text.substring(0, colon);
                portText = text.substring(colon + 1);
            } else {
                host = text;
            }
        }
        return new Endpoint(host, portText == null ? OptionalInt.empty() : OptionalInt.of(parsePort(portText)));
    }

    private static void checkHost(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            checkIpv6(host);
        } else if (Ipv4Subnet.looksLikeAddress(host)) {
            Ipv4Subnet.parseAddress(host);
        } else {
            String problem = Hostnames.problem(host, false);
            if (problem != null) {
                throw new IllegalArgumentException("host '" + host + "' " + problem);
            }
        }
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new IllegalArgumentException("'" + text + "' is not a port");
        }
        int port = Integer.parseInt(text);
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside " + MIN_PORT + "–" + MAX_PORT);
        }
        return port;
    }

    private static void checkIpv6(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (inner.isEmpty() || !inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException("'" + inner + "' is not an IPv6 address");
        }
        try {
            // With brackets and only hex digits, ':' and '.', the JDK parses a literal and never looks a name up.
            if (!(InetAddress.getByName(bracketed) instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + inner + "' is not an IPv6 address");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + inner + "' is not an IPv6 address");
        }
    }

    @Override
    public String toString() {
        return port.isPresent() ? host + ":" + port.getAsInt() : host;
    }
}
