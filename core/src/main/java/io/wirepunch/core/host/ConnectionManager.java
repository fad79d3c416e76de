package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the established connections, one per peer where possible: when a second connection to the
 * same peer comes up (both sides dialled at once), new streams keep using the first, and the second
 * is closed once it carries no streams, or after the grace period at the latest.
 */
public final class ConnectionManager {
    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

    private final ConnectionLimits limits;
    private final Map<PeerId, List<Connection>> byPeer = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger pendingUpgrades = new AtomicInteger();

    public ConnectionManager(ConnectionLimits limits) {
        this.limits = limits;
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /** Reserves a slot for a connection in its handshake; false when the host is at its limits. */
    boolean tryBeginUpgrade() {
        if (total.get() >= limits.maxConnections()) {
            return false;
        }
        if (pendingUpgrades.incrementAndGet() > limits.maxPendingUpgrades()) {
            pendingUpgrades.decrementAndGet();
            return false;
        }
        return true;
    }

    void endUpgrade() {
        pendingUpgrades.decrementAndGet();
    }

    /** Adds an upgraded connection; false (and the caller closes it) when the host is full. */
    boolean add(Connection c) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            return false;
        }
        List<Connection> list = byPeer.computeIfAbsent(c.remotePeer(), p -> new CopyOnWriteArrayList<>());
        list.add(c);
        c.channel().closeFuture().addListener(f -> remove(c));
        if (list.size() > 1) {
            log.debug("second connection to {}: {} is kept, {} will be closed when idle",
                    c.remotePeer(), list.get(0), c);
            closeWhenIdle(c, System.nanoTime() + limits.duplicateGrace().toNanos());
        }
        return true;
    }

    private void closeWhenIdle(Connection duplicate, long deadlineNanos) {
        duplicate.channel().eventLoop().schedule(() -> {
            if (!duplicate.isOpen()) {
                return;
            }
            if (duplicate.openStreams() == 0 || System.nanoTime() >= deadlineNanos) {
                duplicate.close();
            } else {
                closeWhenIdle(duplicate, deadlineNanos);
            }
        }, 1, TimeUnit.SECONDS);
    }

    private void remove(Connection c) {
        List<Connection> list = byPeer.get(c.remotePeer());
        if (list != null && list.remove(c)) {
            total.decrementAndGet();
            byPeer.computeIfPresent(c.remotePeer(), (p, l) -> l.isEmpty() ? null : l);
        }
    }

    /** The connection new streams to {@code peer} should use: the oldest open one. */
    public Optional<Connection> get(PeerId peer) {
        List<Connection> list = byPeer.get(peer);
        if (list == null) {
            return Optional.empty();
        }
        return list.stream().filter(Connection::isOpen).findFirst();
    }

    public List<Connection> connections(PeerId peer) {
        return List.copyOf(byPeer.getOrDefault(peer, List.of()));
    }

    public Collection<Connection> all() {
        List<Connection> out = new ArrayList<>();
        byPeer.values().forEach(out::addAll);
        return out;
    }

    public int size() {
        return total.get();
    }

    /** Streams open to {@code peer} over all its connections. */
    public int streamsTo(PeerId peer) {
        return byPeer.getOrDefault(peer, List.of()).stream().mapToInt(Connection::openStreams).sum();
    }
}
