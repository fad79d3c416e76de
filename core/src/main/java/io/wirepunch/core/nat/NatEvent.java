package io.wirepunch.core.nat;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;

/** What changed about how the Internet sees us; one record per kind. */
public sealed interface NatEvent {

    /** AutoNAT changed its verdict (not fired when only the confidence moves). */
    record ReachabilityChanged(Reachability previous, Reachability current, int confidence) implements NatEvent {}

    /** The confirmed public addresses we announce changed. */
    record ConfirmedAddressesChanged(List<Multiaddr> addresses) implements NatEvent {
        public ConfirmedAddressesChanged {
            addresses = List.copyOf(addresses);
        }
    }

    /** The mapping behaviour the observations show changed. */
    record MappingChanged(NatMapping mapping) implements NatEvent {}
}
