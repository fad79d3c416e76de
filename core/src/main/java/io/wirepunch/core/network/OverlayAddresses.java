package io.wirepunch.core.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every member's addresses inside the overlay. Each depends only on the member's X25519 key, the
 * network (its subnet, its name) and, on a collision, the other members' keys; never on the order
 * of the lines, so every member computes the same map.
 *
 * <p><b>IPv4.</b> A member with an {@code ip} on its line has that address. The others, taken in
 * ascending order of their X25519 keys (unsigned, byte by byte), try host numbers
 * {@code 1 + (H(k, n) mod hosts)} for n = 0, 1, … up to {@link #MAX_REHASHES} − 1, where
 * {@code H(k, n)} is the first 8 bytes (big-endian, unsigned) of
 * SHA-256({@value #IPV4_DOMAIN} ‖ key ‖ n as 4 bytes big-endian) and {@code hosts} excludes the
 * network and broadcast addresses; each takes the first free one. So on a collision the smaller key
 * keeps the address and the larger one re-hashes. A member whose {@link #MAX_REHASHES} tries are all
 * taken (only in a nearly full subnet) takes the next free host number after its last try, wrapping
 * from the last host to the first, which always ends since the configuration has room for everyone.
 *
 * <p><b>IPv6.</b> A unique local address (RFC 4193) in one /48 per network: {@code fd}, then a 40-bit
 * global id, the first 5 bytes of SHA-256({@value #ULA_DOMAIN} ‖ UTF-8 network name), then subnet id 0,
 * then a 64-bit interface id, the first 8 bytes of SHA-256({@value #IID_DOMAIN} ‖ key ‖ n as 4 bytes
 * big-endian) for n = 0, 1, …: the first that is not zero and not another member's, members taken in
 * the same key order. A 64-bit collision is astronomically unlikely; the rule only makes it
 * deterministic. There is no fixed IPv6 address on a line.
 */
public final class OverlayAddresses {
    /** Tries by re-hashing before an IPv4 collision falls back to the next free host. */
    public static final int MAX_REHASHES = 16;
    static final String IPV4_DOMAIN = "wirepunch overlay ipv4 v1";
    static final String ULA_DOMAIN = "wirepunch overlay ula v1";
    static final String IID_DOMAIN = "wirepunch overlay iid v1";
    private static final int ULA_PREFIX_BYTE = 0xfd;
    private static final int GLOBAL_ID_BYTES = 5;
    private static final int INTERFACE_ID_BYTES = 8;

    private final Map<PeerKey, Inet4Address> ipv4;
    private final Map<PeerKey, Inet6Address> ipv6;

    private OverlayAddresses(Map<PeerKey, Inet4Address> ipv4, Map<PeerKey, Inet6Address> ipv6) {
        this.ipv4 = Collections.unmodifiableMap(ipv4);
        this.ipv6 = Collections.unmodifiableMap(ipv6);
    }

    /** The addresses of every member of {@code config}; a configuration without members has none. */
    public static OverlayAddresses of(NetworkConfig config) {
        List<Member> sorted = config.members().stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        Map<PeerKey, Inet4Address> v4 = new LinkedHashMap<>();
        if (config.subnet().isPresent()) {
            v4 = assignIpv4(config.subnet().get(), sorted);
        }
        return new OverlayAddresses(v4, assignIpv6(config.name(), sorted));
    }

    public Optional<Inet4Address> ipv4(PeerKey key) {
        return Optional.ofNullable(ipv4.get(key));
    }

    public Optional<Inet6Address> ipv6(PeerKey key) {
        return Optional.ofNullable(ipv6.get(key));
    }

    /** Every member's IPv4 address, in ascending key order. */
    public Map<PeerKey, Inet4Address> ipv4() {
        return ipv4;
    }

    /** Every member's IPv6 address, in ascending key order. */
    public Map<PeerKey, Inet6Address> ipv6() {
        return ipv6;
    }

    /** The network's /48 ULA prefix (its first 6 bytes; the rest zero). */
    public static Inet6Address ulaPrefix(String networkName) {
        byte[] address = new byte[16];
        address[0] = (byte) ULA_PREFIX_BYTE;
        byte[] hash = sha256(ULA_DOMAIN.getBytes(StandardCharsets.US_ASCII), networkName.getBytes(StandardCharsets.UTF_8), new byte[0]);
        System.arraycopy(hash, 0, address, 1, GLOBAL_ID_BYTES);
        return inet6(address);
    }

    private static Map<PeerKey, Inet4Address> assignIpv4(Ipv4Subnet subnet, List<Member> sorted) {
        long hosts = subnet.hostCount();
        Set<Long> taken = new HashSet<>();
        for (Member m : sorted) {
            m.ip().ifPresent(ip -> taken.add(subnet.hostIndex(ip)));
        }
        Map<PeerKey, Inet4Address> out = new LinkedHashMap<>();
        for (Member m : sorted) {
            long index;
            if (m.ip().isPresent()) {
                index = subnet.hostIndex(m.ip().get());
            } else {
                index = 0;
                long tried = 0;
                for (int n = 0; n < MAX_REHASHES && index == 0; n++) {
                    tried = 1 + Long.remainderUnsigned(hash8(IPV4_DOMAIN, m.key().x25519Unsafe(), n), hosts);
                    if (!taken.contains(tried)) {
                        index = tried;
                    }
                }
                while (index == 0) {
                    tried = tried == hosts ? 1 : tried + 1;
                    if (!taken.contains(tried)) {
                        index = tried;
                    }
                }
                taken.add(index);
            }
            out.put(m.key(), Ipv4Subnet.toInet(subnet.host(index)));
        }
        return out;
    }

    private static Map<PeerKey, Inet6Address> assignIpv6(String name, List<Member> sorted) {
        byte[] prefix = ulaPrefix(name).getAddress();
        Set<Long> taken = new HashSet<>();
        Map<PeerKey, Inet6Address> out = new LinkedHashMap<>();
        for (Member m : sorted) {
            long iid = 0;
            for (int n = 0; iid == 0; n++) {
                long candidate = hash8(IID_DOMAIN, m.key().x25519Unsafe(), n);
                if (candidate != 0 && !taken.contains(candidate)) {
                    iid = candidate;
                }
            }
            taken.add(iid);
            byte[] address = prefix.clone();
            ByteBuffer.wrap(address, INTERFACE_ID_BYTES, INTERFACE_ID_BYTES).putLong(iid);
            out.put(m.key(), inet6(address));
        }
        return out;
    }

    private static long hash8(String domain, byte[] key, int n) {
        byte[] counter = ByteBuffer.allocate(4).putInt(n).array();
        return ByteBuffer.wrap(sha256(domain.getBytes(StandardCharsets.US_ASCII), key, counter)).getLong();
    }

    private static byte[] sha256(byte[] a, byte[] b, byte[] c) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(a);
            digest.update(b);
            digest.update(c);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Inet6Address inet6(byte[] address) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOf(address, 16), -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "OverlayAddresses" + ipv4 + ipv6;
    }
}
