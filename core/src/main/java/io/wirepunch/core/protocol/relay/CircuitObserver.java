package io.wirepunch.core.protocol.relay;

import io.wirepunch.core.identity.PeerId;
import java.net.InetAddress;

/**
 * A say in what the relay admits, and a view of the bytes it carries: where usage accounting plugs
 * in. Called from event loops; implementations must be quick and thread-safe. To stop circuits that
 * are already open (a hard limit reached), call {@link RelayService#closeCircuitsOf} or
 * {@link RelayService#closeAllCircuits}.
 */
public interface CircuitObserver {
    /** Admits everything and counts nothing. */
    CircuitObserver ALLOW_ALL = new CircuitObserver() {};

    /** Asked before a reservation (or refresh) is granted; false refuses it with RESERVATION_REFUSED. */
    default boolean admitReservation(PeerId peer, InetAddress address) {
        return true;
    }

    /** Asked before a circuit is opened; false refuses it with RESOURCE_LIMIT_EXCEEDED. */
    default boolean admitCircuit(PeerId source, PeerId destination) {
        return true;
    }

    /** {@code bytes} more went through a circuit from {@code from} to {@code to}. */
    default void bytesRelayed(PeerId from, PeerId to, long bytes) {
    }
}
