package io.wirepunch.core.holepunch;

import io.wirepunch.core.host.Direction;

/**
 * Which end of a hole punch this node is. The spec names them B and A: B received the relayed
 * connection and opens the DCUtR stream; A dialled through the relay and answers.
 */
public enum HolePunchRole {
    /** B: opens the stream, measures the RTT, sends SYNC and dials RTT/2 later. */
    INITIATOR(Direction.OUTBOUND),
    /** A: answers CONNECT and dials as soon as SYNC arrives. */
    RESPONDER(Direction.INBOUND);

    private final Direction upgradeAs;

    HolePunchRole(Direction upgradeAs) {
        this.upgradeAs = upgradeAs;
    }

    /**
     * The role on the punched connection: the initiator negotiates security and muxer as the
     * dialler does, the responder as the listener does (go-libp2p's choice too),
     * whichever side's SYN the TCP connection came from.
     */
    public Direction upgradeAs() {
        return upgradeAs;
    }
}
