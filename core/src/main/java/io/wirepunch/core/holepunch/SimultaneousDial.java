package io.wirepunch.core.holepunch;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.DialOptions;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This end's half of a simultaneous open: dials every candidate from the listening port in the
 * role the hole punch assigned, and takes the first direct connection to the peer, whether it came
 * from one of these dials or the remote's dial reached a listener first.
 */
final class SimultaneousDial {
    /** How long after the last of its own dials failed this end still waits for the remote's. */
    static final Duration LATE_INBOUND = Duration.ofMillis(500);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wirepunch-holepunch-timer");
        t.setDaemon(true);
        return t;
    });

    private final Host host;
    private final PeerId peer;
    private final List<Multiaddr> candidates;
    private final HolePunchRole role;
    private final CompletableFuture<Connection> result = new CompletableFuture<>();
    private final List<Subscription> cleanup = new ArrayList<>();

    private SimultaneousDial(Host host, PeerId peer, List<Multiaddr> candidates, HolePunchRole role) {
        this.host = host;
        this.peer = peer;
        this.candidates = candidates;
        this.role = role;
    }

    /**
     * Starts watching for the remote's dial before this end dials: the remote may dial first (the
     * responder dials on SYNC, the initiator RTT/2 after sending it), and a connection it makes
     * must be upgraded in the promised role and counted.
     */
    static SimultaneousDial prepare(Host host, PeerId peer, List<Multiaddr> candidates, HolePunchRole role) {
        SimultaneousDial d = new SimultaneousDial(host, peer, candidates, role);
        d.cleanup.add(host.subscribe(e -> {
            if (e instanceof HostEvent.Connected c && c.connection().remotePeer().equals(peer)
                    && !c.connection().isRelayed()) {
                d.result.complete(c.connection());
            }
        }));
        for (Multiaddr candidate : candidates) {
            d.cleanup.add(host.expectPunchFrom(candidate.toInetSocketAddress(), peer, role.upgradeAs()));
        }
        return d;
    }

    /** Withdraws what {@link #prepare} set up, when the dial never runs. */
    void cancel() {
        result.completeExceptionally(new HolePunchException("cancelled"));
        cleanup.forEach(Subscription::close);
    }

    /** Dials; fails with {@link DcutrTimeoutException} when nothing connected within {@code timeout}. */
    CompletionStage<Connection> run(Duration timeout) {
        result.whenComplete((c, e) -> cleanup.forEach(Subscription::close));
        if (candidates.isEmpty()) {
            result.completeExceptionally(new HolePunchException("no public address of the remote to dial"));
            return result;
        }
        AtomicInteger failed = new AtomicInteger();
        Throwable[] last = new Throwable[1];
        for (Multiaddr candidate : candidates) {
            host.connect(candidate.withPeerId(peer), DialOptions.holePunch(role.upgradeAs(), timeout)).whenComplete((c, e) -> {
                if (e == null) {
                    result.complete(c);
                } else {
                    synchronized (last) {
                        last[0] = e;
                    }
                    if (failed.incrementAndGet() == candidates.size()) {
                        // Every dial failed; a remote dial may still be in its handshake, so give it
                        // a moment before calling the attempt failed.
                        TIMERS.schedule(() -> result.completeExceptionally(new HolePunchException(
                                "every dial failed, last: " + Errors.message(last(last))
                        )), LATE_INBOUND.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            });
        }
        var deadline = TIMERS.schedule(() -> result.completeExceptionally(new DcutrTimeoutException(
                "no direct connection within " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((c, e) -> deadline.cancel(false));
        return result;
    }

    static ScheduledExecutorService timers() {
        return TIMERS;
    }

    private static Throwable last(Throwable[] last) {
        synchronized (last) {
            return last[0];
        }
    }
}
