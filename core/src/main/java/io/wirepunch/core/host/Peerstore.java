package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the host knows about other peers: addresses (each with an expiry), protocols, public key and
 * agent. Addresses expire on the injected clock so TTLs are testable without sleeping.
 */
public final class Peerstore {
    /** Addresses a peer announced while connected. */
    public static final Duration CONNECTED_ADDR_TTL = Duration.ofMinutes(30);
    /** Addresses learned second-hand (from a DHT reply, a relay, a dial the user asked for). */
    public static final Duration TEMP_ADDR_TTL = Duration.ofMinutes(2);
    /** Addresses the user configured; they never expire on their own. */
    public static final Duration PERMANENT_ADDR_TTL = Duration.ofDays(365 * 100);
    /** One peer cannot fill the store: beyond this many addresses the soonest to expire goes. */
    public static final int MAX_ADDRS_PER_PEER = 64;
    /** And one peer announces at most this many protocols. */
    public static final int MAX_PROTOCOLS_PER_PEER = 256;

    private final Clock clock;
    private final Map<PeerId, Record> peers = new ConcurrentHashMap<>();

    public Peerstore(Clock clock) {
        this.clock = clock;
    }

    private static final class Record {
        final Map<Multiaddr, Instant> addrs = new LinkedHashMap<>();
        volatile Set<String> protocols = Set.of();
        volatile PublicKey publicKey;
        volatile String agentVersion;
        volatile String protocolVersion;
    }

    private Record record(PeerId peer) {
        return peers.computeIfAbsent(peer, p -> new Record());
    }

    /** Adds addresses, extending (never shortening) the expiry of those already known. */
    public void addAddrs(PeerId peer, List<Multiaddr> addrs, Duration ttl) {
        Record r = record(peer);
        Instant expiry = clock.instant().plus(ttl);
        synchronized (r) {
            for (Multiaddr a : addrs) {
                Multiaddr bare = a.withoutPeerId();
                r.addrs.merge(bare, expiry, (old, neu) -> old.isAfter(neu) ? old : neu);
            }
            while (r.addrs.size() > MAX_ADDRS_PER_PEER) {
                Multiaddr soonest = r.addrs.entrySet().stream()
                        .min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                r.addrs.remove(soonest);
            }
        }
    }

    /** The addresses that have not expired, without the /p2p suffix. */
    public List<Multiaddr> addrs(PeerId peer) {
        Record r = peers.get(peer);
        if (r == null) {
            return List.of();
        }
        Instant now = clock.instant();
        synchronized (r) {
            r.addrs.values().removeIf(expiry -> !expiry.isAfter(now));
            return List.copyOf(r.addrs.keySet());
        }
    }

    public void setProtocols(PeerId peer, List<String> protocols) {
        record(peer).protocols = Set.copyOf(protocols.subList(0, Math.min(protocols.size(), MAX_PROTOCOLS_PER_PEER)));
    }

    public Set<String> protocols(PeerId peer) {
        Record r = peers.get(peer);
        return r == null ? Set.of() : r.protocols;
    }

    /** Stores a key only if it is the one the PeerId was derived from. */
    public void setPublicKey(PeerId peer, PublicKey key) {
        if (!peer.matches(key)) {
            throw new IllegalArgumentException("public key does not belong to " + peer);
        }
        record(peer).publicKey = key;
    }

    public Optional<PublicKey> publicKey(PeerId peer) {
        Record r = peers.get(peer);
        if (r != null && r.publicKey != null) {
            return Optional.of(r.publicKey);
        }
        return peer.inlinedPublicKey();
    }

    public void setAgent(PeerId peer, String agentVersion, String protocolVersion) {
        Record r = record(peer);
        r.agentVersion = agentVersion;
        r.protocolVersion = protocolVersion;
    }

    public Optional<String> agentVersion(PeerId peer) {
        Record r = peers.get(peer);
        return Optional.ofNullable(r == null ? null : r.agentVersion);
    }

    public Set<PeerId> peers() {
        return Set.copyOf(peers.keySet());
    }
}
