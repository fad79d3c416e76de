package io.wirepunch.core.engine;

import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.nat.NatMapping;
import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.upnp.PortMapperState;
import io.wirepunch.core.peers.PeerState;
import io.wirepunch.core.protocol.autonat.ReachabilitySnapshot;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.relay.usage.RelayClientUsage;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine at one moment, everything a window or tray renders, immutable.
 *
 * @param at when it was taken
 * @param demo whether the node runs on the local demo network
 * @param self the node's PeerId, once it started
 * @param status the overall state and its one line
 * @param participating whether the node takes part for others (the tray's "Participate")
 * @param peers every peer with a connection, a hole punch on record, or a membership, sorted by PeerId
 * @param counts peers with an open connection, and how many of them are direct
 * @param recentPunches the latest hole-punch records, oldest first, at most {@link #RECENT_PUNCHES}
 * @param relayService what this node relayed for others against its limits, when it relays
 * @param relayClient what relays carried for this node
 * @param diagnostics how the Internet sees the node
 * @param join the latest join, while it runs and after it ended
 */
public record EngineSnapshot(Instant at, boolean demo, Optional<PeerId> self, Status status, boolean participating,
                             List<PeerState> peers, Counts counts, List<HolePunchRecord> recentPunches,
                             Optional<UsageSnapshot> relayService, RelayClientUsage.Snapshot relayClient,
                             Diagnostics diagnostics, Optional<JoinProgress> join) {
    /** The hole-punch records a snapshot carries at most; the node's history keeps more. */
    public static final int RECENT_PUNCHES = 100;

    public EngineSnapshot {
        Objects.requireNonNull(status, "status");
        peers = List.copyOf(peers);
        recentPunches = List.copyOf(recentPunches.size() > RECENT_PUNCHES
                ? recentPunches.subList(recentPunches.size() - RECENT_PUNCHES, recentPunches.size()) : recentPunches);
    }

    /** The same snapshot taken at {@code when}: two snapshots that differ only in time say nothing new. */
    public EngineSnapshot withAt(Instant when) {
        return new EngineSnapshot(when, demo, self, status, participating, peers, counts, recentPunches, relayService,
                relayClient, diagnostics, join);
    }

    /** Where the engine stands, as the tray's icon shows it. */
    public enum State {
        /** Loading the key, listening, joining. */
        STARTING,
        /** Running and taking part for others. */
        PARTICIPATING,
        /** Running for the user only: no relaying, no DHT serving, no measurement. */
        PAUSED,
        /** Running, but the DHT has not been joined yet or no peer answers. */
        CONNECTING,
        /** The engine could not start; the line says why. */
        ERROR,
        /** Stopped. */
        STOPPED
    }

    /** The state and the line the tray menu shows, e.g. "Participating · 14 peers · 2 direct". */
    public record Status(State state, String line) {
        public Status {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(line, "line");
        }
    }

    /** Peers with an open connection, those of them reached directly, and those through a relay. */
    public record Counts(int peers, int direct, int relayed) {
        static Counts of(List<PeerState> peers) {
            int open = 0;
            int direct = 0;
            for (PeerState p : peers) {
                if (p.connections() > 0) {
                    open++;
                    if (p.relay().isEmpty()) {
                        direct++;
                    }
                }
            }
            return new Counts(open, direct, open - direct);
        }
    }

    /**
     * What the diagnostics view shows.
     *
     * @param reachability reachability, observed addresses and NAT mapping behaviour (AutoNAT and identify)
     * @param upnp the router's port mapping, when UPnP was asked for
     * @param relayRtts the latest ping round trip to each relay the node holds a reservation on
     * @param bootstrap the DHT's bootstrap state, when the node takes part in a DHT
     * @param listenAddrs the addresses the node listens on
     * @param circuitAddrs the node's addresses through its relays
     * @param networkProblems network files that could not be used, one sentence each
     * @param measurement what the measurement rounds do, in one line, when a server is set
     */
    public record Diagnostics(ReachabilitySnapshot reachability, Optional<PortMapperState> upnp,
                              Map<PeerId, Duration> relayRtts, Optional<BootstrapState> bootstrap,
                              List<Multiaddr> listenAddrs, List<Multiaddr> circuitAddrs, List<String> networkProblems,
                              Optional<String> measurement) {
        public Diagnostics {
            relayRtts = Map.copyOf(relayRtts);
            listenAddrs = List.copyOf(listenAddrs);
            circuitAddrs = List.copyOf(circuitAddrs);
            networkProblems = List.copyOf(networkProblems);
        }
    }

    /** Before the node runs: only the state and whether this is the demo. */
    static EngineSnapshot before(Instant at, boolean demo, Status status, boolean participating) {
        return new EngineSnapshot(at, demo, Optional.empty(), status, participating, List.of(), new Counts(0, 0, 0),
                List.of(), Optional.empty(), new RelayClientUsage.Snapshot(List.of(), 0, 0, 0, 0), emptyDiagnostics(),
                Optional.empty());
    }

    private static Diagnostics emptyDiagnostics() {
        return new Diagnostics(new ReachabilitySnapshot(Reachability.UNKNOWN, 0, List.of(),
                List.of(), NatMapping.UNKNOWN, List.of(), Optional.empty()), Optional.empty(),
                Map.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    }
}
