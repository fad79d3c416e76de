package io.wirepunch.core.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 network of a configuration's {@code subnet} line, {@code a.b.c.d/n} with n from
 * {@link #MIN_PREFIX} to {@link #MAX_PREFIX} and no host bits set. Its hosts are the addresses
 * between the network and broadcast addresses, numbered from 1 ({@link #host(long)}).
 */
public record Ipv4Subnet(int network, int prefix) {
    /** The largest network: a /8 holds 16,777,214 hosts. */
    public static final int MIN_PREFIX = 8;
    /** The smallest network: a /30 holds two hosts. */
    public static final int MAX_PREFIX = 30;

    public Ipv4Subnet {
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("prefix /" + prefix + " is outside /" + MIN_PREFIX + " to /" + MAX_PREFIX);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits are set");
        }
    }

    /** Parses {@code a.b.c.d/n}; the message of the exception says what is wrong. */
    public static Ipv4Subnet parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length (a.b.c.d/n)");
        }
        int address = parseAddress(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 2 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')
                || (prefixText.length() > 1 && prefixText.charAt(0) == '0')) {
            throw new IllegalArgumentException("'" + prefixText + "' is not a prefix length");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("/" + prefix + " is outside /" + MIN_PREFIX + " to /" + MAX_PREFIX);
        }
        if ((address & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(text + " has host bits set; the network is "
                    + format(address & mask(prefix)) + "/" + prefix);
        }
        return new Ipv4Subnet(address, prefix);
    }

    /** Parses a dotted quad strictly: four decimal parts 0–255 without leading zeros; never a name lookup. */
    public static int parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** True when {@code text} is shaped like a dotted quad (digits and three dots), valid or not. */
    static boolean looksLikeAddress(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && text.chars().filter(c -> c == '.').count() == 3;
    }

    /** The number of host addresses: all but the network and broadcast addresses. */
    public long hostCount() {
        return (1L << (32 - prefix)) - 2;
    }

    /** Host number {@code index}, from 1 to {@link #hostCount()}. */
    public int host(long index) {
        if (index < 1 || index > hostCount()) {
            throw new IllegalArgumentException("host " + index + " is outside 1.." + hostCount());
        }
        return network + (int) index;
    }

    /** The host number of {@code address}, or 0 when it is not a host of this subnet (network or broadcast included). */
    public long hostIndex(int address) {
        if ((address & mask(prefix)) != network) {
            return 0;
        }
        long index = Integer.toUnsignedLong(address - network);
        return index >= 1 && index <= hostCount() ? index : 0;
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public static Inet4Address toInet(int address) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
