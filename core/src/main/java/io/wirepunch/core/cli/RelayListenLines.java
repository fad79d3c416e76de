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
 * What {@code node --relay} and {@code --auto-relay} print: {@code listen <relay>/p2p-circuit/p2p/<peer id>}
 * once a reservation on a relay (given, or picked automatically) is held, and again whenever a renewal brings other relay addresses or
 * the reservation is regained after it was lost; nothing for a renewal that changes nothing.
 */
final class RelayListenLines implements Consumer<RelayEvent> {
    private final Map<PeerId, Multiaddr> given = new HashMap<>();
    private final Map<PeerId, List<Multiaddr>> printed = new HashMap<>();
    private final PeerId self;
    private final Node node;
    private final CountDownLatch listening;

    RelayListenLines(Node node, List<Multiaddr> relays, CountDownLatch listening) {
        this.node = node;
        this.self = node.host().peerId();
        this.listening = listening;
        relays.forEach(r -> given.put(r.peerId().orElseThrow(), r));
    }

    /** The address peers dial to reach us through {@code relay}. */
    static Multiaddr circuitAddr(Multiaddr relay, PeerId self) {
        return relay.encapsulate("/p2p-circuit").withPeerId(self);
    }

    /** A relay picked automatically: the address our connection to it reached, else the first it reported. */
    private Multiaddr reachedAt(RelayEvent.Reserved r) {
        return node.host().connections().get(r.relay()).filter(c -> !c.isRelayed())
                .map(c -> c.remoteAddr().withPeerId(r.relay()))
                .orElseGet(() -> r.circuitAddrs().isEmpty() ? Multiaddr.parse("/p2p/" + r.relay().toBase58())
                        : r.circuitAddrs().get(0));
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
            if (event instanceof RelayEvent.Reserved r && !r.circuitAddrs().equals(printed.get(r.relay()))) {
                Multiaddr relay = given.containsKey(r.relay()) ? given.get(r.relay()) : reachedAt(r);
                printed.put(r.relay(), r.circuitAddrs());
                System.out.println("listen " + circuitAddr(relay, self));
                System.out.flush();
            } else if (event instanceof RelayEvent.ReservationLost l) {
                printed.remove(l.relay());
            }
        }
    }
}
