package io.wirepunch.core.nat;

import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.MultiaddrException;
import io.wirepunch.core.multiaddr.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP range written as {@code address/prefix} ({@code 203.0.113.0/24}, {@code 2001:db8::/32}).
 * Only literal addresses are read, never host names, so parsing does no lookups; a range whose
 * address has bits set past the prefix is refused, since it usually means a typo in the prefix.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code address/prefix}, or a bare address for a range of one. */
    public static Cidr parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty IP range");
        }
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        byte[] address = parseAddress(addressText, text);
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = t.substring(slash + 1);
            if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("IP range '" + text + "': prefix length '" + prefixText
                        + "' is not a number from 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > bits) {
                throw new IllegalArgumentException("IP range '" + text + "': prefix length " + prefix
                        + " is longer than the " + bits + " bits of the address");
            }
        }
        byte[] masked = mask(address, prefix);
        if (!Arrays.equals(masked, address)) {
            throw new IllegalArgumentException("IP range '" + text + "' has bits set past its /" + prefix
                    + " prefix; did you mean " + new Cidr(masked, prefix) + "?");
        }
        return new Cidr(masked, prefix);
    }

    /** The range of {@code prefixLength} leading bits around {@code address} (host bits cleared). */
    public static Cidr around(InetAddress address, int prefixLength) {
        byte[] raw = address.getAddress();
        if (prefixLength < 0 || prefixLength > raw.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit " + address);
        }
        return new Cidr(mask(raw, prefixLength), prefixLength);
    }

    private static byte[] parseAddress(String addressText, String whole) {
        try {
            if (addressText.indexOf(':') >= 0) {
                return Component.of(Protocol.IP6, addressText).value();
            }
            return Component.of(Protocol.IP4, addressText).value();
        } catch (MultiaddrException e) {
            throw new IllegalArgumentException("IP range '" + whole + "': '" + addressText
                    + "' is not an IPv4 or IPv6 address (" + e.getMessage() + ")");
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    public boolean contains(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == network.length && Arrays.equals(mask(raw, prefixLength), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public InetAddress network() {
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        Protocol family = network.length == 4 ? Protocol.IP4 : Protocol.IP6;
        return Component.ofBytes(family, network).valueText() + "/" + prefixLength;
    }
}
