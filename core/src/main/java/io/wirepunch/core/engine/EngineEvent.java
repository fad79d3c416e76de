package io.wirepunch.core.engine;

import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.protocol.relay.usage.UsageState;

/** What the engine tells its subscribers, on the engine's own thread, never on a network thread. */
public sealed interface EngineEvent {
    /** A new snapshot was taken: once a second while anything changed, and at once after the events below. */
    record StateChanged(EngineSnapshot snapshot) implements EngineEvent {}

    /** A peer the node had no connection to is connected now. */
    record PeerConnected(PeerId peer, boolean relayed) implements EngineEvent {}

    /** {@code peer} joined {@code network} with one of this node's invitations. */
    record PeerJoined(PeerId peer, String network) implements EngineEvent {}

    /** A hole punch ended, either way. */
    record PunchFinished(HolePunchRecord record) implements EngineEvent {}

    /**
     * The relay service's usage in this period crossed a limit: from {@link UsageState#SOFT} new
     * reservations and circuits are refused, from {@link UsageState#HARD} circuits are closed.
     */
    record RelayLimitReached(UsageState state, double fraction) implements EngineEvent {}

    /** A join reached its next stage. */
    record JoinProgressed(JoinProgress progress) implements EngineEvent {}

    /** {@code wirepunch down} asked the node to stop; whoever runs the engine decides how to quit. */
    record DownRequested() implements EngineEvent {}
}
