package io.wirepunch.core.protocol.kad.dht;

import io.wirepunch.core.host.Host;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadClient;
import io.wirepunch.core.protocol.kad.KadException;
import io.wirepunch.core.protocol.kad.KadMessage;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.records.ProviderStore;
import io.wirepunch.core.protocol.kad.records.RepublishSchedule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Content routing: announcing this node as a provider of a key (ADD_PROVIDER to the k peers closest
 * to it) and finding the providers of a key (GET_PROVIDERS along a lookup).
 */
final class ProviderOps {
    private final Host host;
    private final KadClient client;
    private final Lookup lookup;
    private final ProviderStore providers;
    private final RepublishSchedule schedule;
    private final Clock clock;

    ProviderOps(Host host, KadClient client, Lookup lookup, ProviderStore providers, RepublishSchedule schedule,
                Clock clock) {
        this.host = host;
        this.client = client;
        this.lookup = lookup;
        this.providers = providers;
        this.schedule = schedule;
        this.clock = clock;
    }

    CompletionStage<Integer> provide(byte[] key) {
        byte[] k = checkKey(key);
        schedule.provide(k);
        return announce(k);
    }

    /**
     * Refreshes our own record of {@code key}, sends ADD_PROVIDER to the k closest peers a lookup
     * finds and records the announcement for republishing. Completes with how many it was sent to;
     * fails when none.
     */
    CompletionStage<Integer> announce(byte[] key) {
        KadPeer self = new KadPeer(host.peerId(), selfAddrs());
        providers.add(key, self.id(), self.addrs());
        KadMessage announcement = KadMessage.addProvider(key, self);
        return lookup.closestPeers(key).thenCompose(result -> {
            List<CompletableFuture<Boolean>> sends = result.closest().stream()
                    .map(peer -> client.send(host, peer.id(), announcement).toCompletableFuture()
                            .handle((done, error) -> error == null))
                    .toList();
            return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .thenApply(all -> (int) sends.stream().filter(CompletableFuture::join).count());
        }).thenCompose(sent -> {
            if (sent == 0) {
                return CompletableFuture.failedFuture(new KadException("no peer could be told that we provide the key"));
            }
            schedule.published(key, clock.instant());
            return CompletableFuture.completedFuture(sent);
        });
    }

    CompletionStage<List<KadPeer>> findProviders(byte[] key, int max) {
        byte[] k = checkKey(key);
        if (max < 1) {
            throw new IllegalArgumentException("max providers must be positive, got " + max);
        }
        Found found = new Found(max);
        providers.providers(k).forEach(found::add);
        if (found.enough()) {
            return CompletableFuture.completedFuture(found.list());
        }
        return lookup.run(KadMessage.Type.GET_PROVIDERS, k, (from, answer) -> {
            for (KadPeer provider : answer.providerPeers()) {
                remember(provider);
                found.add(provider);
            }
            return found.enough();
        }).thenApply(result -> found.list());
    }

    /** Kept in the peerstore as long as a provider record's addresses are served. */
    private void remember(KadPeer provider) {
        if (!provider.id().equals(host.peerId()) && !provider.addrs().isEmpty()) {
            host.peerstore().addAddrs(provider.id(), provider.addrs(), ProviderStore.PROVIDER_ADDRESS_TTL);
        }
    }

    private List<Multiaddr> selfAddrs() {
        List<Multiaddr> addrs = host.dialableListenAddrs();
        return addrs.size() > ProviderStore.MAX_ADDRS_PER_PROVIDER
                ? addrs.subList(0, ProviderStore.MAX_ADDRS_PER_PROVIDER) : addrs;
    }

    static byte[] checkKey(byte[] key) {
        if (key.length == 0 || key.length > ProviderStore.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a provider key must be 1 to " + ProviderStore.MAX_KEY_BYTES
                    + " bytes, got " + key.length);
        }
        return key.clone();
    }

    /** Distinct providers in the order first seen; a later mention with addresses fills in a bare id. */
    private static final class Found {
        private final int max;
        private final Map<PeerId, KadPeer> byId = new LinkedHashMap<>();

        Found(int max) {
            this.max = max;
        }

        synchronized void add(KadPeer provider) {
            KadPeer known = byId.get(provider.id());
            if (known == null ? byId.size() < max : known.addrs().isEmpty()) {
                byId.put(provider.id(), provider);
            }
        }

        synchronized boolean enough() {
            return byId.size() >= max;
        }

        synchronized List<KadPeer> list() {
            return List.copyOf(new ArrayList<>(byId.values()));
        }
    }
}
