package io.wirepunch.core.protocol.relay.usage;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's side of relay usage: the payload bytes this node sent and received through each
 * relay, since it started, so that the window can show what each relay carried for it.
 * Counting is as cheap as on the relay (no lock for a known relay), and bounded the same way:
 * past {@code maxTrackedRelays} relays per direction, the least-used one's count is folded into
 * an "other relays" count.
 */
public final class RelayClientUsage {
    /** A node uses a handful of relays at a time; this leaves room for months of churn. */
    public static final int DEFAULT_MAX_TRACKED_RELAYS = 256;

    /** One relay's traffic, as this client counted it. */
    public record RelayTraffic(PeerId relay, long sentBytes, long receivedBytes) {
        public long totalBytes() {
            return sentBytes + receivedBytes;
        }
    }

    /**
     * All relays' traffic, most used first; {@code otherRelays…} hold the counts folded out of
     * the bounded tables, and the totals include them.
     */
    public record Snapshot(List<RelayTraffic> relays, long otherRelaysSentBytes, long otherRelaysReceivedBytes,
                           long totalSentBytes, long totalReceivedBytes) {
        public Snapshot {
            relays = List.copyOf(relays);
        }
    }

    private final BoundedCounters<PeerId> sent;
    private final BoundedCounters<PeerId> received;

    public RelayClientUsage() {
        this(DEFAULT_MAX_TRACKED_RELAYS);
    }

    public RelayClientUsage(int maxTrackedRelays) {
        sent = new BoundedCounters<>(maxTrackedRelays, Map.of(), 0);
        received = new BoundedCounters<>(maxTrackedRelays, Map.of(), 0);
    }

    /** Counts {@code payloadBytes} this node sent through {@code relay}. */
    public void sent(PeerId relay, long payloadBytes) {
        sent.add(relay, requireCount(payloadBytes));
    }

    /** Counts {@code payloadBytes} this node received through {@code relay}. */
    public void received(PeerId relay, long payloadBytes) {
        received.add(relay, requireCount(payloadBytes));
    }

    public RelayTraffic of(PeerId relay) {
        return new RelayTraffic(relay, sent.get(relay), received.get(relay));
    }

    public Snapshot snapshot() {
        BoundedCounters.Counts<PeerId> out = sent.read();
        BoundedCounters.Counts<PeerId> in = received.read();
        Set<PeerId> relays = new HashSet<>(out.byKey().keySet());
        relays.addAll(in.byKey().keySet());
        List<RelayTraffic> traffic = new ArrayList<>();
        for (PeerId relay : relays) {
            traffic.add(new RelayTraffic(relay, out.byKey().getOrDefault(relay, 0L), in.byKey().getOrDefault(relay, 0L)));
        }
        traffic.sort(Comparator.comparingLong(RelayTraffic::totalBytes).reversed().thenComparing(RelayTraffic::relay));
        return new Snapshot(traffic, out.others(), in.others(), sum(out), sum(in));
    }

    private static long sum(BoundedCounters.Counts<PeerId> counts) {
        return counts.others() + counts.byKey().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long requireCount(long payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("negative byte count: " + payloadBytes);
        }
        return payloadBytes;
    }
}
