package io.wirepunch.core.nat;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the observed addresses identify reports into an {@link ObservedAddressManager} and
 * announces the confirmed public ones that belong to a listen port through the host. A report
 * stays renewable while its connection is open; {@link #renew()} refreshes those and notices
 * addresses that lapsed. Reports over relayed connections are ignored: they describe the relay.
 */
public final class ObservedAddressFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObservedAddressFeed.class);
    /** How often the owner should call {@link #renew()}: well inside the shortest sensible TTL. */
    public static final Duration RENEW_INTERVAL = Duration.ofMinutes(5);

    private final Host host;
    private final ObservedAddressManager manager;
    private final PublicRanges publicRanges;
    private final EventBus<NatEvent> events;
    private final Map<Connection, Observation> live = new ConcurrentHashMap<>();
    private List<Multiaddr> lastAnnounced = List.of();
    private MappingBehaviour mapping = MappingBehaviour.UNKNOWN;
    private Subscription hostEvents;
    private Subscription addressSource;

    public ObservedAddressFeed(Host host, ObservedAddressManager manager, PublicRanges publicRanges,
                               EventBus<NatEvent> events) {
        this.host = host;
        this.manager = manager;
        this.publicRanges = publicRanges;
        this.events = events;
    }

    public void start() {
        hostEvents = host.subscribe(this::onHostEvent);
        addressSource = host.addAddressSource(this::announced);
    }

    @Override
    public void close() {
        if (hostEvents != null) {
            hostEvents.close();
            addressSource.close();
        }
        live.clear();
    }

    private void onHostEvent(HostEvent event) {
        if (event instanceof HostEvent.Identified id && id.observedAddr() != null && id.connection() != null) {
            observation(id).ifPresent(o -> {
                if (id.connection().isOpen()) {
                    live.put(id.connection(), o);
                }
                manager.record(o);
                noticeChanges();
            });
        } else if (event instanceof HostEvent.Disconnected d) {
            live.remove(d.connection());
        }
    }

    private static Optional<Observation> observation(HostEvent.Identified id) {
        Connection c = id.connection();
        if (c.remoteAddr().isCircuit() || id.observedAddr().isCircuit()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Observation(c.localAddr().toInetSocketAddress(),
                    id.observedAddr().toInetSocketAddress(), c.remoteAddr().toInetSocketAddress().getAddress(), id.peer()));
        } catch (RuntimeException e) {
            log.debug("ignoring observed address {} from {}: {}", id.observedAddr(), id.peer(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Renews the reports of connections still open and announces what changed since. */
    public void renew() {
        live.keySet().removeIf(c -> !c.isOpen());
        live.values().forEach(manager::record);
        noticeChanges();
    }

    /** The IP {@code connection}'s peer reported seeing us at, if it reported one. */
    public Optional<InetAddress> observedIp(Connection connection) {
        return Optional.ofNullable(live.get(connection)).map(o -> o.external().getAddress());
    }

    /** Confirmed external addresses of listen ports, public ones only: what the host announces. */
    public List<Multiaddr> announced() {
        List<InetSocketAddress> listeners = host.listenAddrs().stream().map(Multiaddr::toInetSocketAddress).toList();
        return manager.confirmed().stream()
                .filter(o -> listens(listeners, o.local()) && publicRanges.isPublic(o.external().getAddress()))
                .map(o -> Multiaddr.fromInetSocketAddress(o.external()))
                .distinct().toList();
    }

    private static boolean listens(List<InetSocketAddress> listeners, InetSocketAddress local) {
        for (InetSocketAddress l : listeners) {
            boolean sameFamily = l.getAddress().getAddress().length == local.getAddress().getAddress().length;
            if (l.getPort() == local.getPort() && sameFamily
                    && (l.getAddress().isAnyLocalAddress() || l.getAddress().equals(local.getAddress()))) {
                return true;
            }
        }
        return false;
    }

    private void noticeChanges() {
        List<Multiaddr> now = announced();
        NatMapping currentMapping = manager.mapping();
        boolean addressesChanged;
        boolean mappingChanged;
        synchronized (this) {
            addressesChanged = !now.equals(lastAnnounced);
            lastAnnounced = now;
            mappingChanged = currentMapping.behaviour() != mapping;
            mapping = currentMapping.behaviour();
        }
        if (addressesChanged) {
            log.info("confirmed public addresses now {}", now);
            host.addressesChanged();
            events.publish(new NatEvent.ConfirmedAddressesChanged(now));
        }
        if (mappingChanged) {
            log.info("NAT mapping behaviour now {}", currentMapping.behaviour());
            events.publish(new NatEvent.MappingChanged(currentMapping));
        }
    }
}
