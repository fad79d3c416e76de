package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.dns.DnsResolutionException;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.Peerstore;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import io.wirepunch.core.protocol.kad.routing.StoredPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * Fails when no peer answered; an address without a /p2p id is skipped at once. DNS addresses
     * are resolved by the host's resolver as they are dialled.
     */
    CompletionStage<LookupResult> join(List<Multiaddr> configured, List<StoredPeer> saved) {
        List<CompletableFuture<Boolean>> tries = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        List<String> unresolved = new CopyOnWriteArrayList<>();
        for (Multiaddr addr : configured) {
            String problem = unusableBecause(addr);
            if (problem != null) {
                unusable.add(problem);
                continue;
            }
            tries.add(quietly(host.connect(addr).thenCompose(c -> admit.apply(c.remotePeer(), List.of(c.remoteAddr()))),
                    unresolved));
        }
        for (StoredPeer peer : saved) {
            host.peerstore().addAddrs(peer.peerId(), peer.addresses(), Peerstore.TEMP_ADDR_TTL);
            // A saved peer that does not answer now leaves the candidates for good.
            tries.add(quietly(host.connect(peer.peerId())
                    .thenCompose(c -> admit.apply(c.remotePeer(), List.of(c.remoteAddr()))), unresolved)
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
                return CompletableFuture.failedFuture(new KadException(describeFailure(tried, unusable, unresolved)));
            }
            return lookup.closestPeers(host.peerId().toBytes());
        });
    }

    /** Why an address cannot be dialled, or null; names are left to the host to resolve. */
    static String unusableBecause(Multiaddr addr) {
        if (addr.components().isEmpty()) {
            return "an empty address";
        }
        return addr.peerId().isEmpty() ? addr + " does not end in /p2p/<peer id>" : null;
    }

    private static String describeFailure(int tried, List<String> unusable, List<String> unresolved) {
        StringBuilder why = new StringBuilder("no bootstrap peer answered a kad query, ")
                .append(tried).append(tried == 1 ? " peer tried" : " peers tried");
        if (!unusable.isEmpty()) {
            why.append(", ").append(unusable.size()).append(" address(es) skipped (").append(unusable.get(0)).append(')');
        }
        if (!unresolved.isEmpty()) {
            why.append(", ").append(unresolved.size()).append(" name(s) unresolved (").append(unresolved.get(0)).append(')');
        }
        return why.toString();
    }

    /** The attempt's answer, false when it failed; a name that did not resolve is kept in {@code unresolved}. */
    private CompletableFuture<Boolean> quietly(CompletionStage<Boolean> attempt, List<String> unresolved) {
        return attempt.toCompletableFuture().exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof DnsResolutionException) {
                unresolved.add(cause.getMessage());
            }
            log.debug("bootstrap peer unreachable: {}", e.toString());
            return false;
        });
    }
}
