package io.wirepunch.core.membership;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireGuard's persistent keepalive for members: every interval, each connected member is pinged
 * (which keeps NAT mappings open and measures the RTT {@code show} prints) and each member without
 * a connection is dialled through the addresses the files and facts gave, a bounded number per round.
 */
final class MemberKeepalive {
    private static final Logger log = LoggerFactory.getLogger(MemberKeepalive.class);

    /** The latest round-trip time to a member, and when it was measured. */
    record Rtt(Duration rtt, Instant measuredAt) {}

    private final Node node;
    private final Supplier<MemberIndex> index;
    private final Supplier<Set<PeerId>> members;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration interval;
    private final int maxDialsPerRound;
    private final Map<PeerId, Rtt> rtts = new ConcurrentHashMap<>();
    private volatile Scheduler.Cancellable next;
    private volatile boolean running;

    /**
     * @param index the files' members, for the endpoints their lines give
     * @param members every member to keep alive: the files' and those vouched for
     */
    MemberKeepalive(Node node, Supplier<MemberIndex> index, Supplier<Set<PeerId>> members, Scheduler scheduler, Clock clock,
                    Duration interval, int maxDialsPerRound) {
        this.node = node;
        this.index = index;
        this.members = members;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = interval;
        this.maxDialsPerRound = maxDialsPerRound;
    }

    Duration interval() {
        return interval;
    }

    synchronized void start() {
        if (!running) {
            running = true;
            next = scheduler.schedule(Duration.ZERO, this::tick);
        }
    }

    synchronized void stop() {
        running = false;
        Scheduler.Cancellable n = next;
        if (n != null) {
            n.cancel();
        }
    }

    Optional<Rtt> rtt(PeerId peer) {
        return Optional.ofNullable(rtts.get(peer));
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("keepalive round failed", e);
        }
        synchronized (this) {
            if (running) {
                next = scheduler.schedule(interval, this::tick);
            }
        }
    }

    /** One round: ping who is connected, dial who is not. */
    void round() {
        MemberIndex files = index.get();
        Set<PeerId> all = members.get();
        int dials = 0;
        for (PeerId peer : all) {
            List<Multiaddr> configured = files.configuredAddrs(peer);
            if (!configured.isEmpty()) {
                node.host().peerstore().addAddrs(peer, configured, interval.multipliedBy(2));
            }
            Optional<Connection> c = node.host().connections().get(peer);
            if (c.isPresent()) {
                ping(c.get());
            } else if (dials < maxDialsPerRound && !node.host().peerstore().addrs(peer).isEmpty()) {
                dials++;
                node.host().connect(peer).whenComplete((conn, e) -> {
                    if (e != null) {
                        log.debug("member {} not reachable now: {}", peer, e.getMessage());
                    }
                });
            }
        }
        rtts.keySet().removeIf(p -> !all.contains(p));
    }

    private void ping(Connection c) {
        PeerId peer = c.remotePeer();
        node.ping().open(c).thenCompose(p -> p.ping().whenComplete((rtt, e) -> p.close())).whenComplete((rtt, e) -> {
            if (e == null) {
                rtts.put(peer, new Rtt(rtt, clock.instant()));
            } else {
                log.debug("keepalive ping to {} failed: {}", peer, e.getMessage());
            }
        });
    }
}
