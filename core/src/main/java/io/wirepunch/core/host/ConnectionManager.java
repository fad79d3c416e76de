package io.wirepunch.core.host;

import io.wirepunch.core.identity.PeerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * Keeps the established connections, one per peer where possible. When a second connection to the
 * same peer comes up (both sides dialled at once), both ends must agree which one stays without
 * talking about it: the one dialled by the peer with the smaller PeerId wins (the oldest of those
 * if there are several). New streams use the winner; the others are closed once they carry no
 * streams, or after the grace period at the latest; either way only once no bytes have moved on
 * them for a second, since closing a connection under a transfer would cut the transfer short.
 */
public final class ConnectionManager {
    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

    private final ConnectionLimits limits;
    private final PeerId localPeer;
    private final Map<PeerId, List<Connection>> byPeer = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger pendingUpgrades = new AtomicInteger();

    public ConnectionManager(ConnectionLimits limits, PeerId localPeer) {
        this.limits = limits;
        this.localPeer = localPeer;
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
            Connection keep = preferred(list).orElse(c);
            long deadline = System.nanoTime() + limits.duplicateGrace().toNanos();
            for (Connection other : list) {
                if (other != keep) {
                    log.debug("duplicate connection to {}: keeping {}, closing {} when idle", c.remotePeer(), keep, other);
                    closeWhenIdle(other, deadline, -1);
                }
            }
        }
        return true;
    }

    private Optional<Connection> preferred(List<Connection> list) {
        if (list.isEmpty()) {
            return Optional.empty();
        }
        PeerId remote = list.get(0).remotePeer();
        boolean localDialsWinner = localPeer.compareTo(remote) < 0;
        // A direct connection beats a relayed one (both ends see which is which, so they agree).
        return list.stream().filter(Connection::isOpen).min(
                Comparator.<Connection, Boolean>comparing(Connection::isRelayed)
                        .thenComparingInt(x -> (x.direction() == Direction.OUTBOUND) == localDialsWinner ? 0 : 1)
                        .thenComparing(Connection::openedAt));
    }

    /** {@code lastTraffic}: the connection's bytes moved at the previous check, -1 before the first. */
    private void closeWhenIdle(Connection duplicate, long deadlineNanos, long lastTraffic) {
        duplicate.channel().eventLoop().schedule(() -> {
            if (!duplicate.isOpen()) {
                return;
            }
            List<Connection> list = byPeer.getOrDefault(duplicate.remotePeer(), List.of());
            if (preferred(list).orElse(null) == duplicate) {
                return; // the connection it duplicated has gone: this one stays
            }
            // Quiet for a whole check first: a stream closes here once its last bytes are queued, and
            // closing the socket under bytes still on their way (or under unread ones) loses them.
            long traffic = duplicate.bytesReceived() + duplicate.bytesSent();
            boolean quiet = traffic == lastTraffic;
            if (quiet && (duplicate.openStreams() == 0 || System.nanoTime() >= deadlineNanos)) {
                duplicate.close();
            } else {
                closeWhenIdle(duplicate, deadlineNanos, traffic);
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

    /** The connection new streams to {@code peer} should use: the one both ends keep. */
    public Optional<Connection> get(PeerId peer) {
        List<Connection> list = byPeer.get(peer);
        return list == null || list.isEmpty() ? Optional.empty() : preferred(list);
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
