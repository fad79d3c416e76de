package io.wirepunch.core.nat;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which addresses count as public: the globally routable ones ({@link AddressScope#PUBLIC}) and,
 * for testbeds, any range the operator names. Off by default (no extra ranges): a testbed whose
 * nodes sit in 203.0.113.0/24 or on loopback must say so, or observed addresses there are never
 * announced and AutoNAT never dials them back.
 */
public final class PublicRanges {
    /** Ranges one setting may name; more is a mistake, not a testbed. */
    public static final int MAX_RANGES = 64;
    /** Only the Internet's own public addresses. */
    public static final PublicRanges NONE = new PublicRanges(List.of());

    private final List<Cidr> extra;

    private PublicRanges(List<Cidr> extra) {
        this.extra = List.copyOf(extra);
    }

    public static PublicRanges of(List<Cidr> ranges) {
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("at most " + MAX_RANGES + " public ranges, got " + ranges.size());
        }
        return new PublicRanges(ranges);
    }

    /** Comma-separated CIDRs, as {@code --public-ranges} takes them; blank means none. */
    public static PublicRanges parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        String[] parts = commaSeparated.split(",", -1);
        if (parts.length > MAX_RANGES) {
            throw new IllegalArgumentException("at most " + MAX_RANGES + " public ranges, got " + parts.length);
        }
        List<Cidr> ranges = new ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty entry in public ranges '" + commaSeparated + "'");
            }
            ranges.add(Cidr.parse(part));
        }
        return new PublicRanges(ranges);
    }

    public boolean isPublic(InetAddress address) {
        return AddressScope.of(address) == AddressScope.PUBLIC || inExtraRange(address);
    }

    /** Whether the address is public only because a range was named: a testbed address. */
    public boolean inExtraRange(InetAddress address) {
        for (Cidr c : extra) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a multiaddr starts with a public /ip4 or /ip6 and a TCP port; relayed and DNS addresses are not. */
    public boolean isPublic(Multiaddr addr) {
        if (addr.isCircuit()) {
            return false;
        }
        try {
            return isPublic(addr.toInetSocketAddress().getAddress());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The ranges named beyond the Internet's public ones. */
    public List<Cidr> extraRanges() {
        return extra;
    }

    @Override
    public String toString() {
        return extra.isEmpty() ? "none" : String.join(",", extra.stream().map(Cidr::toString).toList());
    }
}
