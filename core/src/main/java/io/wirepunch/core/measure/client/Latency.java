package io.wirepunch.core.measure.client;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos.LatencyMeasurementType;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Pings to one peer over one address, as punchr reports them.
 *
 * @param type to the relay, to the remote through the relay, or to the remote over the direct connection
 * @param peer who was pinged
 * @param agentVersion its agent, as identify named it ("" when unknown)
 * @param protocols its protocols, as identify named them
 * @param addr the remote address of the connection the pings ran over
 * @param rtts the round trips of the pings that were answered
 * @param errors why each of the others failed
 */
public record Latency(LatencyMeasurementType type, PeerId peer, String agentVersion, List<String> protocols,
                     Multiaddr addr, List<Duration> rtts, List<String> errors) {
    public Latency {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(addr, "addr");
        agentVersion = agentVersion == null ? "" : agentVersion;
        protocols = List.copyOf(protocols);
        rtts = List.copyOf(rtts);
        errors = List.copyOf(errors);
    }
}
