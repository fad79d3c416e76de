package io.wirepunch.core.nat.upnp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading what a gateway says, trusting none of it. */
final class UpnpResponses {
    /** Longest text from a gateway quoted in a report. */
    static final int MAX_QUOTED_CHARS = 80;
    /** Longest dotted quad: 255.255.255.255. */
    static final int MAX_IPV4_CHARS = 15;
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** IGD error codes this mapper acts on. */
    static final int CONFLICT_IN_MAPPING_ENTRY = 718;
    static final int ONLY_PERMANENT_LEASES_SUPPORTED = 725;
    static final int CONFLICT_WITH_OTHER_MECHANISMS = 729;
    static final int EXTERNAL_PORT_ONLY_SUPPORTS_WILDCARD = 716;

    private UpnpResponses() {}

    /** A SOAP fault from the gateway. */
    static final class GatewayError extends Exception {
        final int code;

        GatewayError(String action, int code, String description) {
            super("the gateway refused " + action + ": " + (code < 0 ? "error" : "error " + code)
                    + (description.isEmpty() ? "" : " " + description));
            this.code = code;
        }
    }

    /** Throws the fault a reply carries, if any. */
    static void check(String action, Map<String, String> reply) throws GatewayError {
        String code = reply.get("errorCode");
        if (code == null) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        throw new GatewayError(action, n, printable(reply.getOrDefault("errorDescription", "")));
    }

    /**
     * The external IP a GetExternalIPAddress reply names: a dotted-quad unicast IPv4 address, never
     * looked up in DNS.
     */
    static Inet4Address externalIp(Map<String, String> reply) throws PortMappingException {
        String text = reply.get("NewExternalIPAddress");
        if (text == null || text.isBlank()) {
            throw new PortMappingException("the gateway did not say its external IP address");
        }
        text = text.strip();
        Optional<Inet4Address> ip = parseIpv4(text);
        if (ip.isEmpty()) {
            throw new PortMappingException("the gateway's external IP address is not an IPv4 address: '"
                    + printable(text) + "'");
        }
        InetAddress a = ip.get();
        if (a.isAnyLocalAddress()) {
            throw new PortMappingException("the gateway has no external IP address (0.0.0.0): it is not connected");
        }
        if (a.isLoopbackAddress() || a.isMulticastAddress() || a.isLinkLocalAddress()
                || text.equals("255.255.255.255")) {
            throw new PortMappingException("the gateway's external IP address " + text + " cannot be reached from outside");
        }
        return ip.get();
    }

    /** A dotted quad of four decimal octets, nothing else. */
    static Optional<Inet4Address> parseIpv4(String text) {
        if (text.length() > MAX_IPV4_CHARS || !DOTTED_QUAD.matcher(text).matches()) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Text from the gateway made safe to print: one line, no control characters, bounded length. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_QUOTED_CHARS; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_QUOTED_CHARS) {
            out.append('…');
        }
        return out.toString().strip();
    }
}
