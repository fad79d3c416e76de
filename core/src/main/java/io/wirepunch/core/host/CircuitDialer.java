package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.concurrent.CompletionStage;

/**
 * Dials {@code /p2p-circuit} addresses for the host: reaches the relay, asks it for a circuit to
 * {@code target}, and upgrades the circuit into a connection (see {@link Host#upgradeRelayed}). The
 * relay client installs itself here; without one, circuit addresses cannot be dialled.
 */
@FunctionalInterface
public interface CircuitDialer {
    CompletionStage<Connection> dial(Multiaddr circuitAddr, PeerId target);
}
