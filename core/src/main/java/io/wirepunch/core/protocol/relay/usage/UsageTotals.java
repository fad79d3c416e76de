package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;
import java.util.Map;

/**
 * Counts of one period: the payload bytes the relay carried ({@code networkBytes}, each byte
 * once), and per peer the bytes of the circuits it was an end of. A byte between two peers is
 * in both their counts, so the per-peer counts add up to about twice the network count.
 * {@code otherPeersBytes} holds the counts of peers folded out of the bounded table.
 */
public record UsageTotals(long networkBytes, Map<PeerId, Long> peerBytes, long otherPeersBytes) {
    public static final UsageTotals EMPTY = new UsageTotals(0, Map.of(), 0);

    public UsageTotals {
        peerBytes = Map.copyOf(peerBytes);
        if (networkBytes < 0 || otherPeersBytes < 0 || peerBytes.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("negative byte count");
        }
    }

    /** The bytes counted against {@code peer} by name; 0 for a peer not counted by name. */
    public long bytesOf(PeerId peer) {
        return peerBytes.getOrDefault(peer, 0L);
    }
}
