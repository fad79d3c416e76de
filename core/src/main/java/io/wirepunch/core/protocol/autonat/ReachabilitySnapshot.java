package io.wirepunch.core.protocol.autonat;

import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.NatMapping;
import io.wirepunch.core.nat.ObservedAddress;
import io.wirepunch.core.nat.Reachability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How the Internet sees us, at one moment: what the diagnostics view and {@code netcheck} show.
 *
 * @param observed every observed address not yet expired, the most observed first
 * @param announced the confirmed public addresses identify announces
 * @param lastProbes the latest AutoNAT answers, the newest last
 */
public record ReachabilitySnapshot(Reachability reachability, int confidence, List<ObservedAddress> observed,
                                   List<Multiaddr> announced, NatMapping mapping, List<ProbeResult> lastProbes,
                                   Optional<Instant> nextProbeAt) {
    public ReachabilitySnapshot {
        observed = List.copyOf(observed);
        announced = List.copyOf(announced);
        lastProbes = List.copyOf(lastProbes);
    }
}
