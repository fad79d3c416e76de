package io.wirepunch.core.measure.store;

import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.MultiaddrException;
import io.wirepunch.core.multiaddr.Protocol;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NAT pairing of one hole-punch result, {@code CLIENT/REMOTE}, as far as what a TrackHolePunch
 * request carries tells (RFC 4787 mapping behaviour):
 * <ul>
 * <li>A side is {@code ENDPOINT_DEPENDENT} when it showed more than one port on one IP address and
 * transport: the client in its listen addresses, the remote in the addresses it offered in DCUtR.
 * Both are what other peers observed, so two ports mean its NAT gave a new mapping per destination
 * (a peer listening on two ports of one transport would look the same; nodes listen on one).</li>
 * <li>The remote is {@code ENDPOINT_INDEPENDENT} when the client ended with a direct connection to an
 * address the remote offered: a mapping some other peer observed also reached the client.</li>
 * <li>The client is {@code PORT_MAPPED} when it reported port mappings (UPnP, NAT-PMP), whose external
 * port is fixed.</li>
 * <li>Otherwise {@code UNKNOWN}: one observed mapping cannot tell the behaviours apart.</li>
 * </ul>
 */
public final class NatPairing {
    public static final String ENDPOINT_DEPENDENT = "ENDPOINT_DEPENDENT";
    public static final String ENDPOINT_INDEPENDENT = "ENDPOINT_INDEPENDENT";
    public static final String PORT_MAPPED = "PORT_MAPPED";
    public static final String UNKNOWN = "UNKNOWN";

    private NatPairing() {
    }

    /**
     * The pairing of a result.
     *
     * @param portMapped the client reported NAT mappings
     * @param clientListen the client's listen addresses
     * @param remoteOffered the addresses the remote offered in its DCUtR attempts
     * @param open the addresses of the connections open at the end
     */
    public static String of(boolean portMapped, Collection<String> clientListen, Collection<String> remoteOffered,
                            Collection<String> open) {
        String client = portMapped ? PORT_MAPPED : severalPorts(clientListen) ? ENDPOINT_DEPENDENT : UNKNOWN;
        String remote;
        if (severalPorts(remoteOffered)) {
            remote = ENDPOINT_DEPENDENT;
        } else if (reachedOneOf(open, remoteOffered)) {
            remote = ENDPOINT_INDEPENDENT;
        } else {
            remote = UNKNOWN;
        }
        return client + "/" + remote;
    }

    /** Whether a direct address among {@code open} is one of {@code offered} (ignoring /p2p suffixes). */
    private static boolean reachedOneOf(Collection<String> open, Collection<String> offered) {
        Set<String> endpoints = new HashSet<>();
        offered.forEach(a -> endpoint(a).ifPresent(e -> endpoints.add(e[0] + "/" + e[1])));
        return open.stream().map(NatPairing::endpoint).flatMap(Optional::stream)
                .anyMatch(e -> endpoints.contains(e[0] + "/" + e[1]));
    }

    /** Whether some IP address shows more than one port for one transport among {@code addrs}. */
    static boolean severalPorts(Collection<String> addrs) {
        Map<String, Set<String>> ports = new HashMap<>();
        for (String text : addrs) {
            endpoint(text).ifPresent(e -> ports.computeIfAbsent(e[0], k -> new HashSet<>()).add(e[1]));
        }
        return ports.values().stream().anyMatch(p -> p.size() > 1);
    }

    /** {@code [ip + transport, port]} of a direct IP address; empty for relay, DNS or unparsable ones. */
    private static Optional<String[]> endpoint(String text) {
        Multiaddr a;
        try {
            a = Multiaddr.parse(text);
        } catch (MultiaddrException e) {
            return Optional.empty();
        }
        List<Component> c = a.components();
        if (a.isCircuit() || c.size() < 2 || (c.get(0).protocol() != Protocol.IP4 && c.get(0).protocol() != Protocol.IP6)
                || (c.get(1).protocol() != Protocol.TCP && c.get(1).protocol() != Protocol.UDP)) {
            return Optional.empty();
        }
        boolean quic = c.stream().anyMatch(x -> x.protocol() == Protocol.QUIC_V1);
        String transport = c.get(1).protocol() == Protocol.TCP ? "tcp" : quic ? "quic" : "udp";
        return Optional.of(new String[] {c.get(0).valueText() + "/" + transport, c.get(1).valueText()});
    }
}
