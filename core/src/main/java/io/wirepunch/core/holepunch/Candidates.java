package io.wirepunch.core.holepunch;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.PublicRanges;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the addresses a remote offered in CONNECT this node dials. Every candidate costs a
 * SYN sent on the remote's say-so, so only plain public TCP addresses count (no relay, DNS or
 * private address, none of this node's own addresses), each once, and at most {@link #MAX_DIALLED}:
 * a peer cannot turn a hole punch into a scan of someone else's network.
 */
public final class Candidates {
    /**
     * Addresses dialled per attempt. A peer behind one NAT has one or two observed addresses per
     * address family; eight leaves room for a port prediction or two.
     */
    public static final int MAX_DIALLED = 8;

    private Candidates() {}

    /** The addresses to dial, in the order offered, with the /p2p suffix removed. */
    public static List<Multiaddr> dialable(List<Multiaddr> offered, PublicRanges ranges, Set<InetSocketAddress> own) {
        Set<Multiaddr> out = new LinkedHashSet<>();
        for (Multiaddr a : offered) {
            if (out.size() == MAX_DIALLED) {
                break;
            }
            Multiaddr plain = a.withoutPeerId();
            if (plain.isCircuit() || !ranges.isPublic(plain)) {
                continue;
            }
            InetSocketAddress inet;
            try {
                inet = plain.toInetSocketAddress();
            } catch (RuntimeException e) {
                continue;
            }
            if (inet.getPort() == 0 || own.contains(inet)) {
                continue;
            }
            out.add(plain);
        }
        return new ArrayList<>(out);
    }

    /**
     * The addresses this node offers: the public ones it advertises and those peers observed for its
     * listening ports, each once, at most the protocol's limit.
     */
    public static List<Multiaddr> own(List<Multiaddr> advertised, List<Multiaddr> observed, PublicRanges ranges,
                                      int max) {
        Set<Multiaddr> out = new LinkedHashSet<>();
        for (List<Multiaddr> source : List.of(observed, advertised)) {
            for (Multiaddr a : source) {
                Multiaddr plain = a.withoutPeerId();
                if (out.size() < max && !plain.isCircuit() && ranges.isPublic(plain)) {
                    out.add(plain);
                }
            }
        }
        return new ArrayList<>(out);
    }
}
