package io.wirepunch.core.multiaddr;

import io.wirepunch.core.identity.PeerId;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable multiaddr: a sequence of protocol components, e.g.
 * {@code /ip4/1.2.3.4/tcp/4001/p2p/12D3KooW…}. Equal when the binary forms are equal; the text form
 * is canonical (PeerIds in base58, IPv6 compressed), so parsing a CID PeerId or an uncompressed
 * IPv6 address does not print back the same text. Only the empty address has no text form that
 * parses.
 */
public final class Multiaddr {
    public static final int MAX_TEXT_CHARS = MultiaddrParser.MAX_TEXT_CHARS;
    public static final int MAX_BYTES = MultiaddrParser.MAX_BYTES;
    public static final int MAX_COMPONENTS = MultiaddrParser.MAX_COMPONENTS;

    private static final Multiaddr EMPTY = new Multiaddr(List.of(), new byte[0]);

    private final List<Component> components;
    private final byte[] bytes;

    private Multiaddr(List<Component> components, byte[] bytes) {
        this.components = components;
        this.bytes = bytes;
    }

    public static Multiaddr parse(String text) {
        return new Multiaddr(List.copyOf(MultiaddrParser.parseText(text)), null).withEncoding();
    }

    public static Multiaddr fromBytes(byte[] bytes) {
        return new Multiaddr(List.copyOf(MultiaddrParser.parseBytes(bytes)), bytes.clone());
    }

    public static Multiaddr of(List<Component> components) {
        if (components.isEmpty()) {
            return EMPTY;
        }
        MultiaddrParser.checkStructure(components, "a built multiaddr");
        return new Multiaddr(List.copyOf(components), null).withEncoding();
    }

    public static Multiaddr of(Component... components) {
        return of(Arrays.asList(components));
    }

    /** {@code /ip4/A/tcp/P} or {@code /ip6/A/tcp/P} (with {@code /ip6zone} for scoped addresses). */
    public static Multiaddr fromInetSocketAddress(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new MultiaddrException("unresolved socket address " + address.getHostString() + " has no IP to write");
        }
        List<Component> out = new ArrayList<>(3);
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address v6) {
            if (v6.getScopedInterface() != null) {
                out.add(Component.of(Protocol.IP6ZONE, v6.getScopedInterface().getName()));
            } else if (v6.getScopeId() != 0) {
                out.add(Component.of(Protocol.IP6ZONE, Integer.toString(v6.getScopeId())));
            }
            out.add(Component.ofBytes(Protocol.IP6, v6.getAddress()));
        } else {
            out.add(Component.ofBytes(Protocol.IP4, ip.getAddress()));
        }
        out.add(Component.of(Protocol.TCP, Integer.toString(address.getPort())));
        return of(out);
    }

    /** The IP and TCP port this address starts with; DNS names are left to callers to resolve. */
    public InetSocketAddress toInetSocketAddress() {
        int i = 0;
        String zone = null;
        if (i < components.size() && components.get(i).protocol() == Protocol.IP6ZONE) {
            zone = components.get(i++).valueText();
        }
        if (i + 1 >= components.size() || components.get(i + 1).protocol() != Protocol.TCP
                || (components.get(i).protocol() != Protocol.IP4 && components.get(i).protocol() != Protocol.IP6)) {
            throw new MultiaddrException(this + " does not start with /ip4/…/tcp/… or /ip6/…/tcp/…");
        }
        Component ip = components.get(i);
        byte[] port = components.get(i + 1).value();
        try {
            InetAddress address = zone == null
                    ? InetAddress.getByAddress(ip.value())
                    : Inet6Address.getByAddress(null, ip.value(), scope(zone));
            // For /ip6/::ffff:a.b.c.d the JDK returns the IPv4 address, which is what a socket wants.
            return new InetSocketAddress(address, ((port[0] & 0xFF) << 8) | (port[1] & 0xFF));
        } catch (UnknownHostException | SocketException e) {
            throw new MultiaddrException("cannot use " + this + " as a socket address: " + e.getMessage());
        }
    }

    private static NetworkInterface scope(String zone) throws SocketException {
        NetworkInterface nif = zone.chars().allMatch(Character::isDigit) && zone.length() < 10
                ? NetworkInterface.getByIndex(Integer.parseInt(zone))
                : NetworkInterface.getByName(zone);
        if (nif == null) {
            throw new SocketException("no network interface '" + zone + "'");
        }
        return nif;
    }

    public List<Component> components() {
        return components;
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The PeerId of the final component when it is {@code /p2p}: the peer this address reaches. */
    public Optional<PeerId> peerId() {
        if (components.isEmpty() || last().protocol() != Protocol.P2P) {
            return Optional.empty();
        }
        return Optional.of(PeerId.fromBytes(last().value()));
    }

    /**
     * This address ending in {@code /p2p/id}: appended when there is no final {@code /p2p}, this
     * address when it already names {@code id}; naming a different peer is an error, since silently
     * replacing it would hide a mix-up.
     */
    public Multiaddr withPeerId(PeerId id) {
        Optional<PeerId> current = peerId();
        if (current.isPresent()) {
            if (current.get().equals(id)) {
                return this;
            }
            throw new MultiaddrException(this + " already names peer " + current.get() + ", not " + id);
        }
        return encapsulate(of(Component.ofBytes(Protocol.P2P, id.toBytes())));
    }

    /** This address without its final {@code /p2p} component, if it has one. */
    public Multiaddr withoutPeerId() {
        return peerId().isPresent() ? of(components.subList(0, components.size() - 1)) : this;
    }

    public Multiaddr encapsulate(Multiaddr inner) {
        List<Component> joined = new ArrayList<>(components);
        joined.addAll(inner.components);
        if (bytes.length + inner.bytes.length > MAX_BYTES) {
            throw new MultiaddrException("encapsulating " + inner + " in " + this + " exceeds " + MAX_BYTES + " bytes");
        }
        return of(joined);
    }

    public Multiaddr encapsulate(String inner) {
        return encapsulate(parse(inner));
    }

    /** Everything before the last occurrence of {@code suffix}; this address when it does not occur. */
    public Multiaddr decapsulate(Multiaddr suffix) {
        if (suffix.isEmpty()) {
            return this;
        }
        for (int start = components.size() - suffix.components.size(); start >= 0; start--) {
            if (components.subList(start, start + suffix.components.size()).equals(suffix.components)) {
                return of(components.subList(0, start));
            }
        }
        return this;
    }

    /** Everything before the last component of {@code protocol}; this address when there is none. */
    public Multiaddr decapsulate(Protocol protocol) {
        for (int i = components.size() - 1; i >= 0; i--) {
            if (components.get(i).protocol() == protocol) {
                return of(components.subList(0, i));
            }
        }
        return this;
    }

    /** True for relayed addresses (they contain {@code /p2p-circuit}). */
    public boolean isCircuit() {
        return components.stream().anyMatch(c -> c.protocol() == Protocol.P2P_CIRCUIT);
    }

    private Component last() {
        return components.get(components.size() - 1);
    }

    private Multiaddr withEncoding() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : components) {
            c.writeTo(out);
        }
        if (out.size() > MAX_BYTES) {
            throw new MultiaddrException("multiaddr of " + out.size() + " bytes exceeds " + MAX_BYTES);
        }
        return new Multiaddr(components, out.toByteArray());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        components.forEach(out::append);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
