package io.wirepunch.core.protocol.kad.sim;

import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.KadRequestHandler;
import io.wirepunch.core.protocol.kad.routing.RoutingTable;
import java.util.List;

/**
 * One node of a {@link SimNetwork}: its identity and address, its real routing table, and the real
 * request handler that answers what other nodes send it.
 */
public final class SimNode {
    /** How a node treats the requests sent to it. */
    public enum Behaviour {
        /** Answers every request, as a healthy node does. */
        ANSWERS,
        /** Refuses at once, as a closed port does. */
        DOWN,
        /** Never answers, as a vanished host does: the asker waits for its timeout. */
        SILENT
    }

    private final PeerId peerId;
    private final Multiaddr address;
    private final RoutingTable table;
    private KadRequestHandler handler;
    private volatile Behaviour behaviour = Behaviour.ANSWERS;

    SimNode(PeerId peerId, Multiaddr address, RoutingTable table) {
        this.peerId = peerId;
        this.address = address;
        this.table = table;
    }

    void answerWith(KadRequestHandler requestHandler) {
        this.handler = requestHandler;
    }

    KadRequestHandler handler() {
        return handler;
    }

    public PeerId peerId() {
        return peerId;
    }

    public Multiaddr address() {
        return address;
    }

    public RoutingTable table() {
        return table;
    }

    /** The node as other nodes name it in their answers. */
    public KadPeer kadPeer() {
        return new KadPeer(peerId, List.of(address));
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public void behave(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    @Override
    public String toString() {
        return "SimNode[" + peerId + " " + behaviour + "]";
    }
}
