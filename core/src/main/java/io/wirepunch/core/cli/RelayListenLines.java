package io.wirepunch.core.cli;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.relay.RelayEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * What {@code node --relay} prints: {@code listen <relay>/p2p-circuit/p2p/<peer id>} once a
 * reservation on the relay is held, and again whenever a renewal brings other relay addresses or
 * the reservation is regained after it was lost; nothing for a renewal that changes nothing.
 */
final class RelayListenLines implements Consumer<RelayEvent> {
    private final Map<PeerId, Multiaddr> given = new HashMap<>();
    private final Map<PeerId, List<Multiaddr>> printed = new HashMap<>();
    private final PeerId self;
    private final CountDownLatch listening;

    RelayListenLines(Node node, List<Multiaddr> relays, CountDownLatch listening) {
        this.self = node.host().peerId();
        this.listening = listening;
        relays.forEach(r -> given.put(r.peerId().orElseThrow(), r));
    }

    /** The address peers dial to reach us through {@code relay}. */
    static Multiaddr circuitAddr(Multiaddr relay, PeerId self) {
        return relay.encapsulate("/p2p-circuit").withPeerId(self);
    }

    @Override
    public void accept(RelayEvent event) {
        try {
            listening.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (event instanceof RelayEvent.Reserved r && given.containsKey(r.relay())
                    && !r.circuitAddrs().equals(printed.get(r.relay()))) {
                printed.put(r.relay(), r.circuitAddrs());
                System.out.println("listen " + circuitAddr(given.get(r.relay()), self));
                System.out.flush();
            } else if (event instanceof RelayEvent.ReservationLost l) {
                printed.remove(l.relay());
            }
        }
    }
}
