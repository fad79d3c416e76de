package io.wirepunch.core.engine;

import io.wirepunch.core.holepunch.HolePunchEvent;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.InviteEvent;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns what the node tells on its network threads into engine events, handed on without work
 * there, and keeps what the snapshot needs beside the node: the latest join, the relays' round
 * trips, and the relay usage state last seen.
 */
final class EngineWatch implements AutoCloseable {
    /** How often the relays the node reserved on are pinged for the diagnostics view. */
    static final Duration RELAY_RTT_INTERVAL = Duration.ofSeconds(30);

    private final Consumer<EngineEvent> deliver;
    private final Runnable refresh;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile Optional<JoinProgress> join = Optional.empty();
    private RelayRtts rtts;
    private Instant rttsAt = Instant.MIN;
    private UsageState relayState = UsageState.OK;

    EngineWatch(Consumer<EngineEvent> deliver, Runnable refresh) {
        this.deliver = deliver;
        this.refresh = refresh;
    }

    /** Follows {@code node}'s hole punches and new peers; before it starts, so that nothing is missed. */
    void node(Node node) {
        rtts = new RelayRtts(node);
        subscriptions.add(node.holePunch().subscribe(e -> {
            if (e instanceof HolePunchEvent.Finished f) {
                tell(new EngineEvent.PunchFinished(f.record()));
            }
        }));
        subscriptions.add(node.host().subscribe(e -> {
            if (e instanceof HostEvent.Connected c
                    && node.host().connections().connections(c.connection().remotePeer()).size() <= 1) {
                tell(new EngineEvent.PeerConnected(c.connection().remotePeer(), c.connection().isRelayed()));
            } else if (e instanceof HostEvent.Disconnected) {
                refresh.run();
            }
        }));
    }

    /** Follows the members who join with this node's invitations. */
    void invites(Networks networks) {
        subscriptions.add(networks.invites().subscribe(e -> {
            if (e instanceof InviteEvent.MemberJoined j) {
                tell(new EngineEvent.PeerJoined(j.peer(), j.network().name()));
            }
        }));
    }

    void joinProgressed(JoinProgress progress) {
        join = Optional.of(progress);
        tell(new EngineEvent.JoinProgressed(progress));
    }

    Optional<JoinProgress> join() {
        return join;
    }

    private void tell(EngineEvent event) {
        deliver.accept(event);
        refresh.run();
    }

    /**
     * Pings the relays at most once per {@link #RELAY_RTT_INTERVAL}: those named and those chosen
     * automatically, each once it holds a reservation there.
     */
    void measureRelays(Node node, List<Multiaddr> named, Instant now) {
        if (rtts == null || !due(rttsAt, now)) {
            return;
        }
        Set<PeerId> relays = new LinkedHashSet<>();
        named.forEach(a -> a.peerId().ifPresent(relays::add));
        relays.addAll(node.autoRelay().relays());
        relays.removeIf(r -> node.relayClient().reservation(r).isEmpty());
        if (!relays.isEmpty()) {
            rttsAt = now;
        }
        rtts.measure(relays);
    }

    /** Whether the relays measured at {@code last} are due again at {@code now}. */
    static boolean due(Instant last, Instant now) {
        return Duration.between(last, now).compareTo(RELAY_RTT_INTERVAL) >= 0;
    }

    Map<PeerId, Duration> relayRtts() {
        return rtts == null ? Map.of() : rtts.latest();
    }

    /** Says so once when the relay service's usage rises to the soft or the hard limit. */
    void relayUsage(Optional<UsageSnapshot> usage) {
        UsageState now = usage.map(UsageSnapshot::globalState).orElse(UsageState.OK);
        if (now.compareTo(relayState) > 0) {
            deliver.accept(new EngineEvent.RelayLimitReached(now, usage.orElseThrow().globalFraction()));
        }
        relayState = now;
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
