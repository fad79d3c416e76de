package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadPeer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider records received through ADD_PROVIDER, served by GET_PROVIDERS. A record lives
 * {@link #PROVIDER_RECORD_TTL} after its last refresh; its addresses are only handed out for
 * {@link #PROVIDER_ADDRESS_TTL}, after which the provider's id alone is served (kad-dht spec), so
 * askers do not chase addresses the provider may have left. Thread-safe.
 */
public final class ProviderStore {
    /** kad-dht spec, "Provider Record Expiration Interval" (IPFS: 48 hours). */
    public static final Duration PROVIDER_RECORD_TTL = Duration.ofHours(48);
    /** kad-dht spec, "Provider Record Republish Interval" (IPFS: 22 hours); used by {@link RepublishSchedule}. */
    public static final Duration REPUBLISH_INTERVAL = Duration.ofHours(22);
    /** kad-dht spec: keep a provider's addresses about a routing-table refresh interval (kubo: 30 minutes). */
    public static final Duration PROVIDER_ADDRESS_TTL = Duration.ofMinutes(30);
    /** One GET_PROVIDERS answer's worth (k = 20), as rust-libp2p's store keeps per key. */
    public static final int DEFAULT_MAX_PROVIDERS_PER_KEY = 20;
    /** Distinct keys held at once; a new key beyond it is refused rather than evicting honest ones. */
    public static final int DEFAULT_MAX_KEYS = 16_384;
    /** Provider keys are multihashes (sha2-256: 34 bytes); anything far longer is not a content key. */
    public static final int MAX_KEY_BYTES = 128;
    /** Addresses kept per provider; more only inflates every answer that names it. */
    public static final int MAX_ADDRS_PER_PROVIDER = 16;

    private final Clock clock;
    private final int maxProvidersPerKey;
    private final int maxKeys;
    private final Map<ByteBuffer, Map<PeerId, Entry>> byKey = new HashMap<>();

    private record Entry(List<Multiaddr> addrs, Instant refreshed, Instant addrsRefreshed) {}

    public ProviderStore(Clock clock) {
        this(clock, DEFAULT_MAX_PROVIDERS_PER_KEY, DEFAULT_MAX_KEYS);
    }

    public ProviderStore(Clock clock, int maxProvidersPerKey, int maxKeys) {
        if (maxProvidersPerKey < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.clock = clock;
        this.maxProvidersPerKey = maxProvidersPerKey;
        this.maxKeys = maxKeys;
    }

    /**
     * Handles an inbound ADD_PROVIDER: a peer may only announce itself, so a record naming anyone
     * else is ignored (kad-dht spec). Returns whether the record was stored.
     */
    public boolean addFromPeer(PeerId sender, byte[] key, KadPeer provider, Instant now) {
        if (!sender.equals(provider.id())) {
            return false;
        }
        return add(key, provider.id(), provider.addrs(), now);
    }

    public boolean addFromPeer(PeerId sender, byte[] key, KadPeer provider) {
        return addFromPeer(sender, key, provider, clock.instant());
    }

    /**
     * Adds or refreshes {@code provider} for {@code key}. A full key drops its least recently
     * refreshed provider; a full store refuses a new key. An empty address list keeps the
     * addresses already known. Returns false when refused.
     */
    public synchronized boolean add(byte[] key, PeerId provider, List<Multiaddr> addrs, Instant now) {
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            return false;
        }
        ByteBuffer k = ByteBuffer.wrap(key.clone());
        Map<PeerId, Entry> providers = byKey.get(k);
        if (providers == null) {
            if (byKey.size() >= maxKeys) {
                sweep(now);
                if (byKey.size() >= maxKeys) {
                    return false;
                }
            }
            providers = new LinkedHashMap<>();
            byKey.put(k, providers);
        }
        Entry old = providers.remove(provider);
        List<Multiaddr> kept = addrs.size() > MAX_ADDRS_PER_PROVIDER ? addrs.subList(0, MAX_ADDRS_PER_PROVIDER) : addrs;
        Entry entry = kept.isEmpty() && old != null
                ? new Entry(old.addrs(), now, old.addrsRefreshed())
                : new Entry(List.copyOf(kept), now, now);
        if (providers.size() >= maxProvidersPerKey) {
            providers.entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<PeerId, Entry> e) -> e.getValue().refreshed()))
                    .map(Map.Entry::getKey)
                    .ifPresent(providers::remove);
        }
        providers.put(provider, entry);
        return true;
    }

    public boolean add(byte[] key, PeerId provider, List<Multiaddr> addrs) {
        return add(key, provider, addrs, clock.instant());
    }

    /** Live providers of {@code key}, most recently refreshed first; stale addresses are left out. */
    public synchronized List<KadPeer> providers(byte[] key, Instant now) {
        Map<PeerId, Entry> providers = byKey.get(ByteBuffer.wrap(key));
        if (providers == null) {
            return List.of();
        }
        List<Map.Entry<PeerId, Entry>> live = new ArrayList<>();
        for (Map.Entry<PeerId, Entry> e : providers.entrySet()) {
            if (!expired(e.getValue().refreshed(), PROVIDER_RECORD_TTL, now)) {
                live.add(e);
            }
        }
        live.sort(Comparator.comparing((Map.Entry<PeerId, Entry> e) -> e.getValue().refreshed()).reversed());
        return live.stream().map(e -> {
            Entry entry = e.getValue();
            List<Multiaddr> addrs = expired(entry.addrsRefreshed(), PROVIDER_ADDRESS_TTL, now) ? List.of() : entry.addrs();
            return new KadPeer(e.getKey(), addrs);
        }).toList();
    }

    public List<KadPeer> providers(byte[] key) {
        return providers(key, clock.instant());
    }

    /** Drops expired records and keys left empty; returns how many records were dropped. */
    public synchronized int sweep(Instant now) {
        int dropped = 0;
        var keys = byKey.values().iterator();
        while (keys.hasNext()) {
            Map<PeerId, Entry> providers = keys.next();
            int before = providers.size();
            providers.values().removeIf(e -> expired(e.refreshed(), PROVIDER_RECORD_TTL, now));
            dropped += before - providers.size();
            if (providers.isEmpty()) {
                keys.remove();
            }
        }
        return dropped;
    }

    public int sweep() {
        return sweep(clock.instant());
    }

    public synchronized int keyCount() {
        return byKey.size();
    }

    /** A record refreshed at {@code at} is gone once exactly {@code ttl} has passed. */
    private static boolean expired(Instant at, Duration ttl, Instant now) {
        return !now.isBefore(at.plus(ttl));
    }
}
