package io.wirepunch.core.measure.store;

import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which transports a handed-out candidate's addresses must use: punchr's protocol filter. With
 * probability {@link #EACH_PROBABILITY} each, one of ip4+tcp, ip4+quic, ip6+tcp, ip6+quic; else none
 * (any address). The codes are multicodec's, as in punchr's GetAddrInfoResponse.protocols; QUIC
 * (460) matches both {@code /quic} and {@code /quic-v1} addresses.
 */
public enum ProtocolFilter {
    ANY(List.of()),
    IP4_TCP(List.of(ProtocolFilter.P_IP4, ProtocolFilter.P_TCP)),
    IP4_QUIC(List.of(ProtocolFilter.P_IP4, ProtocolFilter.P_QUIC)),
    IP6_TCP(List.of(ProtocolFilter.P_IP6, ProtocolFilter.P_TCP)),
    IP6_QUIC(List.of(ProtocolFilter.P_IP6, ProtocolFilter.P_QUIC));

    public static final int P_IP4 = 4;
    public static final int P_TCP = 6;
    public static final int P_IP6 = 41;
    public static final int P_QUIC = 460;
    /** How likely each of the four filters is; the rest of the time there is none. */
    public static final double EACH_PROBABILITY = 0.15;

    private final List<Integer> codes;

    ProtocolFilter(List<Integer> codes) {
        this.codes = codes;
    }

    /** The multicodec codes, as sent in GetAddrInfoResponse.protocols. */
    public List<Integer> codes() {
        return codes;
    }

    public boolean ip4() {
        return codes.contains(P_IP4);
    }

    public boolean ip6() {
        return codes.contains(P_IP6);
    }

    public boolean tcp() {
        return codes.contains(P_TCP);
    }

    public boolean quic() {
        return codes.contains(P_QUIC);
    }

    /** Draws a filter as punchr does. */
    public static ProtocolFilter random(RandomGenerator random) {
        double r = random.nextDouble();
        ProtocolFilter[] filtered = {IP4_TCP, IP4_QUIC, IP6_TCP, IP6_QUIC};
        for (int i = 0; i < filtered.length; i++) {
            if (r < EACH_PROBABILITY * (i + 1)) {
                return filtered[i];
            }
        }
        return ANY;
    }

    /** True when {@code addr} carries every protocol of this filter. */
    public boolean matches(Multiaddr addr) {
        Features f = Features.of(addr);
        return (!ip4() || f.ip4()) && (!ip6() || f.ip6()) && (!tcp() || f.tcp()) && (!quic() || f.quic());
    }

    /** The transport-relevant protocols an address carries anywhere in it. */
    record Features(boolean ip4, boolean ip6, boolean tcp, boolean quic) {
        static Features of(Multiaddr addr) {
            boolean ip4 = false;
            boolean ip6 = false;
            boolean tcp = false;
            boolean quic = false;
            for (Component c : addr.components()) {
                Protocol p = c.protocol();
                ip4 |= p == Protocol.IP4;
                ip6 |= p == Protocol.IP6;
                tcp |= p == Protocol.TCP;
                quic |= p == Protocol.QUIC_V1;
            }
            return new Features(ip4, ip6, tcp, quic);
        }
    }
}
