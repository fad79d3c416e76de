package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which addresses of a DIAL a server may dial. Only those at the IP the request came from (the
 * remote address of its connection): a server that dialled any address it was given could be
 * aimed at a third party (RFC 3489, 12.1.1). Addresses at other IPs are dropped, never dialled;
 * requests over relayed connections, from non-public IPs or from our own IP are refused outright.
 */
final class DialBackPolicy {
    private final AutoNatServerConfig config;

    DialBackPolicy(AutoNatServerConfig config) {
        this.config = config;
    }

    /** What to dial for {@code request}, or why not. */
    record Plan(InetAddress requesterIp, List<Multiaddr> targets, DialResponse refusal) {
        static Plan refuse(ResponseStatus status, String text) {
            return new Plan(null, List.of(), DialResponse.error(status, text));
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /**
     * @param requester the authenticated peer the request came from
     * @param requesterAddr the remote address of the connection it came on
     * @param ourIps the IPs we listen on or are seen at
     */
    Plan plan(PeerId requester, Multiaddr requesterAddr, Supplier<Set<InetAddress>> ourIps,
              AutoNatMessage.Dial request) {
        if (!request.peer().equals(requester)) {
            return Plan.refuse(ResponseStatus.E_BAD_REQUEST, "peer id mismatch: the DIAL must name the requester");
        }
        if (requesterAddr.isCircuit()) {
            return Plan.refuse(ResponseStatus.E_DIAL_REFUSED, "refusing a request over a relayed connection");
        }
        InetAddress ip;
        try {
            ip = requesterAddr.toInetSocketAddress().getAddress();
        } catch (RuntimeException e) {
            return Plan.refuse(ResponseStatus.E_DIAL_REFUSED, "the request came from no IP address");
        }
        if (!config.publicRanges().isPublic(ip)) {
            return Plan.refuse(ResponseStatus.E_DIAL_REFUSED, "the requester's address is not public");
        }
        if (!config.allowSameIp() && ourIps.get().contains(ip)) {
            return Plan.refuse(ResponseStatus.E_DIAL_REFUSED, "the requester is at our own IP");
        }
        List<Multiaddr> targets = new ArrayList<>();
        for (Multiaddr addr : request.addrs()) {
            Multiaddr target = atIp(addr, ip, requester);
            if (target != null && !targets.contains(target)) {
                targets.add(target);
                if (targets.size() == config.maxDialsPerRequest()) {
                    break;
                }
            }
        }
        if (targets.isEmpty()) {
            return Plan.refuse(ResponseStatus.E_DIAL_REFUSED, "no dialable address at the requester's IP");
        }
        return new Plan(ip, List.copyOf(targets), null);
    }

    /** {@code /ip4|ip6/<ip>/tcp/<port>} when {@code addr} is exactly that at {@code ip} (plus the requester's /p2p); else null. */
    private static Multiaddr atIp(Multiaddr addr, InetAddress ip, PeerId requester) {
        Multiaddr bare = addr;
        if (addr.peerId().isPresent()) {
            if (!addr.peerId().get().equals(requester)) {
                return null;
            }
            bare = addr.withoutPeerId();
        }
        if (bare.components().size() != 2 || bare.components().get(1).protocol() != Protocol.TCP) {
            return null;
        }
        InetSocketAddress socket;
        try {
            socket = bare.toInetSocketAddress();
        } catch (RuntimeException e) {
            return null;
        }
        return socket.getAddress().equals(ip) && socket.getPort() != 0 ? bare : null;
    }
}
