package io.wirepunch.core.host;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.List;

/**
 * Addresses the host announces beside its listen addresses: observed ones confirmed by peers, a
 * port mapping, a relay reservation. Asked each time identify speaks, so it answers from memory;
 * when its answer changes it calls {@link Host#addressesChanged()}.
 */
@FunctionalInterface
public interface AddressSource {
    List<Multiaddr> addresses();
}
