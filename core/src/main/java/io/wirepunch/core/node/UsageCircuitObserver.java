package io.wirepunch.core.node;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.CircuitObserver;
import io.wirepunch.core.protocol.relay.RelayService;
import io.wirepunch.core.protocol.relay.usage.UsageAccountant;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.net.InetAddress;

/**
 * Relay usage accounting plugged into the relay service: new reservations and circuits are refused
 * from the soft limit on, every relayed chunk is counted, and at the hard limit the circuits it
 * concerns are closed: all of them when the relay's global count is at fault, else those of the
 * peer at its limit. Before {@link #attach} nothing is admitted.
 */
final class UsageCircuitObserver implements CircuitObserver {
    private volatile UsageAccountant accountant;
    private volatile RelayService relay;

    void attach(UsageAccountant accountant, RelayService relay) {
        this.relay = relay;
        this.accountant = accountant;
    }

    @Override
    public boolean admitReservation(PeerId peer, InetAddress address) {
        UsageAccountant a = accountant;
        return a != null && a.admitReservation(peer).admitted();
    }

    @Override
    public boolean admitCircuit(PeerId source, PeerId destination) {
        UsageAccountant a = accountant;
        return a != null && a.admitCircuit(source, destination).admitted();
    }

    @Override
    public void bytesRelayed(PeerId from, PeerId to, long bytes) {
        UsageAccountant a = accountant;
        if (a == null || a.record(from, to, bytes) != UsageState.HARD) {
            return;
        }
        if (a.globalState() == UsageState.HARD) {
            relay.closeAllCircuits();
            return;
        }
        for (PeerId peer : from.equals(to) ? new PeerId[] {from} : new PeerId[] {from, to}) {
            if (a.state(peer) == UsageState.HARD) {
                relay.closeCircuitsOf(peer);
            }
        }
    }
}
