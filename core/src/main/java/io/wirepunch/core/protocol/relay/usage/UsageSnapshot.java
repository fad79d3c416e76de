package io.wirepunch.core.protocol.relay.usage;

import java.util.List;

/**
 * Relay usage at one moment, for the window and the control API. {@code globalLimit} and
 * {@code peerLimit} are 0 when unlimited; {@code topPeers} are the most-used peers, at most
 * {@link UsageAccountant#TOP_PEERS}, most used first; {@code otherPeersBytes} is the count of
 * peers folded out of the bounded table.
 */
public record UsageSnapshot(Period period, long globalBytes, long globalLimit, double globalFraction,
                            UsageState globalState, long peerLimit, List<PeerUsage> topPeers, int trackedPeers,
                            long otherPeersBytes) {
    public UsageSnapshot {
        topPeers = List.copyOf(topPeers);
    }
}
