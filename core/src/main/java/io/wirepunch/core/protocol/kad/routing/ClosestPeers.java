package io.wirepunch.core.protocol.kad.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the peers closest to a target by walking buckets outward. With c the target's common
 * prefix length with the local id: bucket c holds the closest peers (they share more than c bits
 * with the target); every deeper bucket shares exactly c bits with it, so together they form the
 * next group; each shallower bucket i < c shares exactly i bits, so it is farther than everything
 * visited before it. Only the groups needed are sorted, and each is small (at most k, or the deep
 * buckets together, which hold few peers because deep ranges are small).
 */
final class ClosestPeers {
    private ClosestPeers() {}

    /** Called with the table's lock held; a bucket never used is null. */
    static List<PeerEntry> collect(KBucket[] buckets, KadId localId, KadId target, int n) {
        List<PeerEntry> out = new ArrayList<>(Math.max(0, Math.min(n, 4 * RoutingTableConfig.K)));
        if (n <= 0) {
            return out;
        }
        Comparator<PeerEntry> byDistance = (a, b) -> target.compareDistance(a.kadId(), b.kadId());
        int prefix = localId.commonPrefixLength(target);
        List<PeerEntry> group = new ArrayList<>();
        if (prefix < KadId.BITS) {
            takeClosest(peersOf(buckets[prefix]), group, out, n, byDistance);
            for (int i = prefix + 1; i < KadId.BITS && out.size() < n; i++) {
                if (buckets[i] != null && !buckets[i].isEmpty()) {
                    group.addAll(buckets[i].peers());
                }
            }
            takeClosest(List.of(), group, out, n, byDistance);
        }
        for (int i = Math.min(prefix, KadId.BITS) - 1; i >= 0 && out.size() < n; i--) {
            takeClosest(peersOf(buckets[i]), group, out, n, byDistance);
        }
        return out;
    }

    private static List<PeerEntry> peersOf(KBucket bucket) {
        return bucket == null ? List.of() : bucket.peers();
    }

    private static void takeClosest(List<PeerEntry> more, List<PeerEntry> group, List<PeerEntry> out, int n,
            Comparator<PeerEntry> byDistance) {
        group.addAll(more);
        if (out.size() < n && !group.isEmpty()) {
            group.sort(byDistance);
            out.addAll(group.subList(0, Math.min(group.size(), n - out.size())));
        }
        group.clear();
    }
}
