package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;

/**
 * What the relay client's circuits carry, counted at the circuit stream: the end-to-end bytes
 * (Noise frames and all) that the relay forwards, without the relay connection's own framing.
 * Called on event loops; implementations must be quick and thread-safe.
 */
public interface CircuitTrafficListener {
    /** Counts nothing. */
    CircuitTrafficListener NONE = new CircuitTrafficListener() {
        @Override
        public void sent(PeerId relay, long bytes) {
        }

        @Override
        public void received(PeerId relay, long bytes) {
        }
    };

    void sent(PeerId relay, long bytes);

    void received(PeerId relay, long bytes);
}
