package io.wirepunch.core.forward;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The loopback TCP ports peers may reach through forwards; none until exposed. */
final class ExposedPorts {
    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

    /** Adds {@code port}; true if it was not exposed yet. */
    boolean add(int port) {
        requireValid(port);
        return ports.add(port);
    }

    /** Removes {@code port}; true if it was exposed. */
    boolean remove(int port) {
        return ports.remove(port);
    }

    boolean contains(int port) {
        return ports.contains(port);
    }

    SortedSet<Integer> snapshot() {
        return new TreeSet<>(ports);
    }

    static void requireValid(int port) {
        if (!ForwardProtocol.validPort(port)) {
            throw new IllegalArgumentException("port " + port + " is outside "
                    + ForwardProtocol.MIN_PORT + ".." + ForwardProtocol.MAX_PORT);
        }
    }
}
