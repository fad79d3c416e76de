package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.StoredPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join attempt: connects to the configured bootstrap addresses and to the peers saved from the
 * last run, admits those that answer a kad PING, then looks up our own id so the peers closest
 * to us learn of us and we of them.
 */
final class PeerJoiner {
    private static final Logger log = LoggerFactory.getLogger(PeerJoiner.class);

    private final Host host;
    private final RoutingTable table;
    private final BiFunction<PeerId, List<Multiaddr>, CompletionStage<Boolean>> admit;
    private final Lookup lookup;

    PeerJoiner(Host host, RoutingTable table, BiFunction<PeerId, List<Multiaddr>, CompletionStage<Boolean>> admit,
               Lookup lookup) {
        this.host = host;
        this.table = table;
        this.admit = admit;
        this.lookup = lookup;
    }

    /** Fails when no peer answered; a DNS address fails alone, at once, without a lookup. */
    CompletionStage<LookupResult> join(List<Multiaddr> configured, List<StoredPeer> saved) {
        List<CompletableFuture<Boolean>> tries = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Multiaddr addr : configured) {
            String problem = unusableBecause(addr);
            if (problem != null) {
                unusable.add(problem);
                continue;
            }
            tries.add(quietly(host.connect(addr).thenCompose(c -> admit.apply(c.remotePeer(), List.of(c.remoteAddr())))));
        }
        for (StoredPeer peer : saved) {
            host.peerstore().addAddrs(peer.peerId(), peer.addresses(), Peerstore.TEMP_ADDR_TTL);
            // A saved peer that does not answer now leaves the candidates for good.
            tries.add(quietly(host.connect(peer.peerId())
                    .thenCompose(c -> admit.apply(c.remotePeer(), List.of(c.remoteAddr()))))
                    .thenApply(answered -> {
                        if (!answered) {
                            table.peerFailedQuery(peer.peerId());
                        }
                        return answered;
                    }));
        }
        int tried = tries.size();
        return CompletableFuture.allOf(tries.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            if (table.size() == 0) {
                return CompletableFuture.failedFuture(new KadException(describeFailure(tried, unusable)));
            }
            return lookup.closestPeers(host.peerId().toBytes());
        });
    }

    /**
     * Why an address cannot be dialled as it is, or null. Name resolution is not done here: a
     * /dnsaddr needs a TXT lookup, and a blocking resolver call would stall the join.
     */
    static String unusableBecause(Multiaddr addr) {
        if (addr.components().isEmpty()) {
            return "an empty address";
        }
        Protocol first = addr.components().get(0).protocol();
        return switch (first) {
            case DNSADDR -> addr + " needs a /dnsaddr TXT lookup, which this node does not do";
            case DNS, DNS4, DNS6 -> addr + " needs a DNS lookup, which this node does not do; give its /ip4 or /ip6 form";
            default -> addr.peerId().isEmpty() ? addr + " does not end in /p2p/<peer id>" : null;
        };
    }

    private static String describeFailure(int tried, List<String> unusable) {
        StringBuilder why = new StringBuilder("no bootstrap peer answered a kad query, ")
                .append(tried).append(tried == 1 ? " peer tried" : " peers tried");
        if (!unusable.isEmpty()) {
            why.append(", ").append(unusable.size()).append(" address(es) skipped (").append(unusable.get(0)).append(')');
        }
        return why.toString();
    }

    private CompletableFuture<Boolean> quietly(CompletionStage<Boolean> attempt) {
        return attempt.toCompletableFuture().exceptionally(e -> {
            log.debug("bootstrap peer unreachable: {}", e.toString());
            return false;
        });
    }
}
