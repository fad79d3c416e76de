package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table: 256 buckets indexed by the common-prefix length of a peer's
 * {@link KadId} with the local id, k peers each.
 *
 * <p>A peer enters only through {@link #peerAnsweredQuery}: a connection alone proves nothing about
 * whether the peer serves the DHT. A full bucket keeps its peers while they answer: the
 * {@link LivenessCheck} asks its least-recently-seen peer, and only a failed check lets the newcomer
 * in; otherwise the newcomer waits in the bucket's bounded replacement cache and takes the next
 * slot freed by a removal. Peers loaded from disk wait in {@link #bootstrapCandidates()} until they
 * answer.
 *
 * <p>Thread-safe: one lock guards all state, held only for in-memory work; the liveness check runs
 * outside it and its answer takes the lock again.
 */
public final class RoutingTable {
    /** Addresses kept per peer; a peer advertising more gains nothing from the rest. */
    public static final int MAX_ADDRESSES_PER_PEER = 16;

    private final KadId localId;
    private final RoutingTableConfig config;
    private final LivenessCheck livenessCheck;
    private final Clock clock;
    private final RandomGenerator random;
    private final Object lock = new Object();
    // Created on first use: in a network of n peers only about log2(n / k) buckets ever hold anyone.
    private final KBucket[] buckets = new KBucket[KadId.BITS];
    /** What a bucket that was never used reads as: empty, and never looked up in since the table began. */
    private final KBucket neverUsed;
    private final BootstrapCandidates candidates = new BootstrapCandidates();

    public RoutingTable(KadId localId, RoutingTableConfig config, LivenessCheck livenessCheck, Clock clock) {
        this(localId, config, livenessCheck, clock, new SecureRandom());
    }

    /** {@code random} picks refresh targets; unpredictable ones keep others from steering refreshes. */
    public RoutingTable(KadId localId, RoutingTableConfig config, LivenessCheck livenessCheck, Clock clock,
            RandomGenerator random) {
        this.localId = localId;
        this.config = config;
        this.livenessCheck = livenessCheck;
        this.clock = clock;
        this.random = random;
        this.neverUsed = new KBucket(clock.instant());
    }

    /** The bucket at {@code index}, for a change: created, as the table began, when first needed. */
    private KBucket bucket(int index) {
        KBucket bucket = buckets[index];
        if (bucket == null) {
            bucket = new KBucket(neverUsed.lastLookup());
            buckets[index] = bucket;
        }
        return bucket;
    }

    /** The bucket at {@code index}, only to read. */
    private KBucket read(int index) {
        KBucket bucket = buckets[index];
        return bucket != null ? bucket : neverUsed;
    }

    public KadId localId() {
        return localId;
    }

    public RoutingTableConfig config() {
        return config;
    }

    /** The bucket a peer with this id belongs in; the local id itself has none. */
    public int bucketIndex(KadId id) {
        int prefix = localId.commonPrefixLength(id);
        if (prefix == KadId.BITS) {
            throw new IllegalArgumentException("the local id has no bucket");
        }
        return prefix;
    }

    /**
     * Records that {@code peer} answered one of our queries: the only way into the table. The
     * first {@link #MAX_ADDRESSES_PER_PEER} addresses are kept, the one the peer was reached on
     * should come first (see {@link NetworkGroup}); an empty list keeps the addresses already known.
     * Completes at once unless a full bucket has to check its least-recently-seen peer first.
     */
    public CompletionStage<AddOutcome> peerAnsweredQuery(PeerId peer, List<Multiaddr> addresses) {
        KadId id = KadId.of(peer);
        if (id.equals(localId)) {
            return CompletableFuture.completedFuture(AddOutcome.REJECTED_SELF);
        }
        List<Multiaddr> kept = addresses.size() > MAX_ADDRESSES_PER_PEER
                ? List.copyOf(addresses.subList(0, MAX_ADDRESSES_PER_PEER)) : List.copyOf(addresses);
        Instant now = clock.instant();
        PeerEntry toCheck;
        PeerEntry newcomer;
        synchronized (lock) {
            candidates.remove(peer);
            KBucket bucket = bucket(bucketIndex(id));
            PeerEntry existing = bucket.find(peer);
            if (existing != null) {
                bucket.putMostRecent(bucket.answered(existing, kept, now, config.maxPeersPerNetwork()));
                return CompletableFuture.completedFuture(AddOutcome.UPDATED);
            }
            NetworkGroup group = NetworkGroup.of(kept);
            if (!bucket.networkHasRoom(group, config.maxPeersPerNetwork(), null)) {
                return CompletableFuture.completedFuture(AddOutcome.REJECTED_DIVERSITY);
            }
            newcomer = new PeerEntry(peer, id, kept, now, now, 0, group);
            if (bucket.size() < config.bucketSize()) {
                bucket.removeReplacement(peer);
                bucket.putMostRecent(newcomer);
                return CompletableFuture.completedFuture(AddOutcome.ADDED);
            }
            bucket.cacheReplacement(newcomer, config.replacementCacheSize());
            if (bucket.checkPending(now, config.livenessCheckTimeout())) {
                return CompletableFuture.completedFuture(cachedOrDropped(bucket, peer));
            }
            toCheck = bucket.leastRecentlySeen();
            bucket.startCheck(toCheck.peerId(), now);
        }
        CompletionStage<Boolean> alive;
        try {
            alive = livenessCheck.isAlive(toCheck);
        } catch (RuntimeException e) {
            alive = CompletableFuture.completedFuture(false);
        }
        return alive.handle((answer, error) -> finishCheck(toCheck, newcomer, error == null && Boolean.TRUE.equals(answer)));
    }

    private AddOutcome finishCheck(PeerEntry checked, PeerEntry newcomer, boolean alive) {
        synchronized (lock) {
            KBucket bucket = bucket(bucketIndex(checked.kadId()));
            bucket.endCheck(checked.peerId());
            if (alive) {
                PeerEntry current = bucket.find(checked.peerId());
                if (current != null) {
                    bucket.putMostRecent(current.seenAt(clock.instant()));
                }
                return bucket.find(newcomer.peerId()) != null ? AddOutcome.UPDATED : cachedOrDropped(bucket, newcomer.peerId());
            }
            bucket.remove(checked.peerId());
            if (bucket.find(newcomer.peerId()) != null) {
                return AddOutcome.UPDATED;
            }
            // A later answer from the newcomer may have refreshed its cached entry; take the newest.
            PeerEntry latest = bucket.findReplacement(newcomer.peerId());
            PeerEntry joining = latest != null ? latest : newcomer;
            if (bucket.size() >= config.bucketSize()
                    || !bucket.networkHasRoom(joining.networkGroup(), config.maxPeersPerNetwork(), null)) {
                return cachedOrDropped(bucket, joining.peerId());
            }
            bucket.removeReplacement(joining.peerId());
            bucket.putMostRecent(joining);
            return AddOutcome.REPLACED_UNRESPONSIVE;
        }
    }

    private static AddOutcome cachedOrDropped(KBucket bucket, PeerId peer) {
        return bucket.findReplacement(peer) != null ? AddOutcome.CACHED : AddOutcome.DROPPED;
    }

    /** Any other proof that a peer in the table is alive (it pinged us, it sent a query). Adds nobody. */
    public void peerSeen(PeerId peer) {
        KadId id = KadId.of(peer);
        if (id.equals(localId)) {
            return;
        }
        synchronized (lock) {
            KBucket bucket = bucket(bucketIndex(id));
            PeerEntry entry = bucket.find(peer);
            if (entry != null) {
                bucket.putMostRecent(entry.seenAt(clock.instant()));
            }
        }
    }

    /**
     * Records a failed or timed-out query. After {@link RoutingTableConfig#failedQueriesBeforeRemoval}
     * failures in a row the peer is removed and a cached replacement takes its slot; a bootstrap
     * candidate is dropped at its first failure. Returns true when the peer was removed.
     */
    public boolean peerFailedQuery(PeerId peer) {
        KadId id = KadId.of(peer);
        if (id.equals(localId)) {
            return false;
        }
        synchronized (lock) {
            boolean wasCandidate = candidates.remove(peer);
            KBucket bucket = bucket(bucketIndex(id));
            PeerEntry entry = bucket.find(peer);
            if (entry == null) {
                return wasCandidate;
            }
            PeerEntry failed = entry.withFailedQuery();
            if (failed.failedQueries() < config.failedQueriesBeforeRemoval()) {
                bucket.replaceInPlace(failed);
                return false;
            }
            bucket.remove(peer);
            bucket.promoteReplacement(config.maxPeersPerNetwork());
            return true;
        }
    }

    /** Removes a peer outright (it broke the protocol, or no longer meets the work bits). */
    public boolean remove(PeerId peer) {
        KadId id = KadId.of(peer);
        if (id.equals(localId)) {
            return false;
        }
        synchronized (lock) {
            KBucket bucket = bucket(bucketIndex(id));
            boolean removed = bucket.remove(peer);
            bucket.removeReplacement(peer);
            candidates.remove(peer);
            if (removed) {
                bucket.promoteReplacement(config.maxPeersPerNetwork());
            }
            return removed;
        }
    }

    public Optional<PeerEntry> find(PeerId peer) {
        KadId id = KadId.of(peer);
        if (id.equals(localId)) {
            return Optional.empty();
        }
        synchronized (lock) {
            return Optional.ofNullable(read(bucketIndex(id)).find(peer));
        }
    }

    /**
     * The {@code n} peers closest to {@code target}, closest first, found by walking the buckets
     * outward from the target's bucket instead of sorting the whole table (see {@link ClosestPeers}).
     */
    public List<PeerEntry> closest(KadId target, int n) {
        synchronized (lock) {
            return ClosestPeers.collect(buckets, localId, target, n);
        }
    }

    /** Every peer in the table, bucket by bucket, least recently seen first within a bucket. */
    public List<PeerEntry> peers() {
        List<PeerEntry> out = new ArrayList<>();
        synchronized (lock) {
            for (KBucket bucket : buckets) {
                if (bucket != null) {
                    out.addAll(bucket.peers());
                }
            }
        }
        return out;
    }

    public int size() {
        int size = 0;
        synchronized (lock) {
            for (KBucket bucket : buckets) {
                size += bucket == null ? 0 : bucket.size();
            }
        }
        return size;
    }

    /** The peers waiting for a slot in bucket {@code index}, most recent first. */
    public List<PeerEntry> replacements(int index) {
        synchronized (lock) {
            return List.copyOf(read(index).replacements());
        }
    }

    /** Marks the bucket that {@code target} falls in as freshly looked up. */
    public void lookupPerformed(KadId target) {
        int index = Math.min(localId.commonPrefixLength(target), KadId.BITS - 1);
        synchronized (lock) {
            bucket(index).lookupPerformed(clock.instant());
        }
    }

    /**
     * Buckets without a lookup for the refresh interval, each with a random target in its range.
     * Only buckets up to one past the deepest non-empty one are considered: deeper ranges are so
     * small that a lookup there would almost surely find nobody.
     */
    public List<RefreshTarget> bucketsDueForRefresh(Instant now) {
        List<RefreshTarget> due = new ArrayList<>();
        synchronized (lock) {
            int deepest = -1;
            for (int i = 0; i < buckets.length; i++) {
                if (!read(i).isEmpty()) {
                    deepest = i;
                }
            }
            for (int i = 0; i <= Math.min(deepest + 1, KadId.BITS - 1); i++) {
                Instant last = read(i).lastLookup();
                if (!now.isBefore(last.plus(config.refreshInterval()))) {
                    due.add(new RefreshTarget(i, localId.randomWithCommonPrefix(i, random), last));
                }
            }
        }
        return due;
    }

    /**
     * Offers peers loaded from disk as bootstrap candidates, skipping the local node and peers
     * already in the table. Returns how many were taken (at most {@code BootstrapCandidates.MAX_CANDIDATES}).
     */
    public int addBootstrapCandidates(List<StoredPeer> loaded) {
        List<StoredPeer> fresh = new ArrayList<>(loaded.size());
        synchronized (lock) {
            for (StoredPeer peer : loaded) {
                KadId id = KadId.of(peer.peerId());
                if (!id.equals(localId) && read(bucketIndex(id)).find(peer.peerId()) == null) {
                    fresh.add(peer);
                }
            }
            return candidates.addAll(fresh);
        }
    }

    /** Loaded peers that have not answered yet, most recently seen first: query them to rejoin. */
    public List<StoredPeer> bootstrapCandidates() {
        synchronized (lock) {
            return candidates.snapshot();
        }
    }

    /** What to save on shutdown: the table's peers, then candidates that never got the chance to answer. */
    public List<StoredPeer> peersToSave() {
        List<StoredPeer> out = new ArrayList<>();
        synchronized (lock) {
            for (KBucket bucket : buckets) {
                if (bucket == null) {
                    continue;
                }
                for (PeerEntry entry : bucket.peers()) {
                    out.add(entry.toStored());
                }
            }
            out.addAll(candidates.snapshot());
        }
        return out;
    }
}
