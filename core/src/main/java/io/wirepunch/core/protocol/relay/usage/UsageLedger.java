package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;

/** The live counters of one period: the relay's count and the bounded per-peer counts. */
final class UsageLedger {
    final Period period;
    final SealableCounter network;
    final BoundedCounters<PeerId> peers;

    UsageLedger(Period period, UsageTotals initial, int maxTrackedPeers) {
        this.period = period;
        this.network = new SealableCounter(initial.networkBytes());
        this.peers = new BoundedCounters<>(maxTrackedPeers, initial.peerBytes(), initial.otherPeersBytes());
    }

    long networkBytes() {
        return Math.max(0, network.get());
    }

    /** The counts as they are now, while counting goes on. */
    UsageTotals read() {
        long networkBytes = networkBytes();
        BoundedCounters.Counts<PeerId> counts = peers.read();
        return new UsageTotals(networkBytes, counts.byKey(), counts.others());
    }

    /** Ends counting in this ledger and returns its final counts. */
    UsageTotals seal() {
        long networkBytes = Math.max(0, network.seal());
        BoundedCounters.Counts<PeerId> counts = peers.seal();
        return new UsageTotals(networkBytes, counts.byKey(), counts.others());
    }
}
