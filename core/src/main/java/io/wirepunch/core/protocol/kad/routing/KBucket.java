package io.wirepunch.core.protocol.kad.routing;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * One bucket: at most k peers ordered least recently seen first (Kademlia's eviction order), a
 * bounded replacement cache ordered most recent first, the time of its last lookup, and the
 * liveness check it may have in flight. Not thread-safe: {@link RoutingTable} guards it.
 */
final class KBucket {
    private final List<PeerEntry> peers = new ArrayList<>();
    private final LinkedList<PeerEntry> replacements = new LinkedList<>();
    private Instant lastLookup;
    private PeerId checking;
    private Instant checkStarted;

    KBucket(Instant created) {
        this.lastLookup = created;
    }

    List<PeerEntry> peers() {
        return peers;
    }

    List<PeerEntry> replacements() {
        return replacements;
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    int size() {
        return peers.size();
    }

    PeerEntry find(PeerId peer) {
        for (PeerEntry entry : peers) {
            if (entry.peerId().equals(peer)) {
                return entry;
            }
        }
        return null;
    }

    /** Puts {@code entry} at the most-recently-seen end, replacing the peer's old entry if any. */
    void putMostRecent(PeerEntry entry) {
        remove(entry.peerId());
        peers.add(entry);
    }

    /** Replaces the peer's entry where it stands, keeping its place in the eviction order. */
    void replaceInPlace(PeerEntry entry) {
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).peerId().equals(entry.peerId())) {
                peers.set(i, entry);
                return;
            }
        }
    }

    boolean remove(PeerId peer) {
        return peers.removeIf(e -> e.peerId().equals(peer));
    }

    PeerEntry leastRecentlySeen() {
        return peers.get(0);
    }

    /** True when one more peer of {@code group} stays within {@code limit}; {@code except} is not counted. */
    boolean networkHasRoom(NetworkGroup group, int limit, PeerId except) {
        if (!group.isLimited()) {
            return true;
        }
        int count = 0;
        for (PeerEntry entry : peers) {
            if (entry.networkGroup().equals(group) && !entry.peerId().equals(except)) {
                count++;
            }
        }
        return count < limit;
    }

    void cacheReplacement(PeerEntry entry, int limit) {
        replacements.removeIf(e -> e.peerId().equals(entry.peerId()));
        if (limit == 0) {
            return;
        }
        replacements.addFirst(entry);
        while (replacements.size() > limit) {
            replacements.removeLast();
        }
    }

    PeerEntry findReplacement(PeerId peer) {
        for (PeerEntry entry : replacements) {
            if (entry.peerId().equals(peer)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The entry of a peer of this bucket that answered again. An empty address list keeps the known
     * addresses, and so does a new set whose network would cross the diversity limit. Most peers answer
     * with the addresses they had, which keep their network group without working it out again.
     */
    PeerEntry answered(PeerEntry existing, List<Multiaddr> addresses, Instant now, int networkLimit) {
        if (addresses.isEmpty() || addresses.equals(existing.addresses())) {
            return existing.answeredAt(now, existing.addresses(), existing.networkGroup());
        }
        NetworkGroup group = NetworkGroup.of(addresses);
        if (!group.equals(existing.networkGroup()) && !networkHasRoom(group, networkLimit, existing.peerId())) {
            return existing.answeredAt(now, existing.addresses(), existing.networkGroup());
        }
        return existing.answeredAt(now, addresses, group);
    }

    boolean removeReplacement(PeerId peer) {
        return replacements.removeIf(e -> e.peerId().equals(peer));
    }

    /** Moves the most recent replacement whose network has room into the bucket, if any. */
    PeerEntry promoteReplacement(int networkLimit) {
        Iterator<PeerEntry> it = replacements.iterator();
        while (it.hasNext()) {
            PeerEntry candidate = it.next();
            if (networkHasRoom(candidate.networkGroup(), networkLimit, null)) {
                it.remove();
                peers.add(candidate);
                return candidate;
            }
        }
        return null;
    }

    Instant lastLookup() {
        return lastLookup;
    }

    void lookupPerformed(Instant when) {
        lastLookup = when;
    }

    /** True when a check started less than {@code timeout} ago is still waiting for its answer. */
    boolean checkPending(Instant now, Duration timeout) {
        return checking != null && now.isBefore(checkStarted.plus(timeout));
    }

    void startCheck(PeerId peer, Instant now) {
        checking = peer;
        checkStarted = now;
    }

    /** Ends the check of {@code peer}; a later check that replaced a stale one is left alone. */
    void endCheck(PeerId peer) {
        if (peer.equals(checking)) {
            checking = null;
            checkStarted = null;
        }
    }
}
