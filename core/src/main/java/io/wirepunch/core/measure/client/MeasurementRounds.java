package io.wirepunch.core.measure.client;

import io.wirepunch.core.Version;
import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.holepunch.HolePunchConfig;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.honeypot.SightingRecorder;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.pb.PunchrProtos.LatencyMeasurementType;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.multiaddr.Component;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.multiaddr.Protocol;
import io.wirepunch.core.nat.upnp.PortMapping;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.ping.PingInitiator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hole-punch measurement as punchr's client runs it, what the app's "Participate" switches on: a
 * few hosts, each its own node on its own port, each in a loop: ask for a peer to hole punch
 * (GetAddrInfo, naming all the hosts), connect to the relay and ping it, connect to the peer
 * through the relay and wait for it to start DCUtR (the engine answers, up to three attempts), ping
 * the peer through the relay and, when a direct connection came of it, over that; then report the
 * result (TrackHolePunch) and keep it in the local store. Failures of the server or the store are
 * followed by an exponential backoff ({@link RoundSettings#backoff(int)}).
 *
 * <p>Without a server the hosts punch the peers they met themselves: every peer a host identifies
 * is recorded as a sighting in the local store, whose candidates (DCUtR and relay addresses only)
 * the hosts then take.
 */
public final class MeasurementRounds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeasurementRounds.class);
    /** How long connecting to the relay may take. */
    public static final Duration RELAY_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Relays of one target a round tries to reach, in the order handed out, before it punches through the first. */
    public static final int MAX_RELAYS_TRIED = 3;
    /** How long a host waits to learn its observed address from the relay before punching without it. */
    public static final Duration OBSERVED_WAIT = Duration.ofSeconds(5);
    /** Beyond the engine's own waits, how long a hole punch may take before the round gives up on it. */
    static final Duration PUNCH_MARGIN = Duration.ofSeconds(30);
    /** The highest TCP port. */
    static final int MAX_PORT = 65_535;
    /** How long starting or stopping a host may take. */
    static final Duration NODE_WAIT = Duration.ofSeconds(15);

    /** The local store and the authorization its results are kept under. */
    public record LocalStore(MeasurementStore store, long authorization) {
        public LocalStore {
            Objects.requireNonNull(store, "store");
        }
    }

    /** A peer to hole punch, where from. */
    record Target(PeerId remote, List<Multiaddr> addrs, List<Integer> protocols) {}

    private final RoundSettings settings;
    private final Optional<PunchrClient> server;
    private final Optional<LocalStore> local;
    private final Clock clock;
    private final EventBus<RoundEvent> events = new EventBus<>();
    private final Object lock = new Object();
    private final List<Node> hosts = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();
    private final List<SightingRecorder> recorders = new CopyOnWriteArrayList<>();
    private boolean participating = true;
    private boolean closed;
    private boolean started;

    public MeasurementRounds(RoundSettings settings, Optional<PunchrClient> server, Optional<LocalStore> local, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.server = Objects.requireNonNull(server, "server");
        this.local = Objects.requireNonNull(local, "local");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (server.isEmpty() && local.isEmpty()) {
            throw new IllegalArgumentException("measurement needs a server or a local store to report to");
        }
    }

    /** Starts the hosts and their loops; a host that cannot start stops those started before and fails. */
    public void start() throws Exception {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("the rounds were started already");
            }
            started = true;
        }
        HolePunchConfig holePunch = settings.nodeOptions().holePunch().withStreamWait(settings.streamWait());
        try {
            for (int i = 0; i < settings.hosts(); i++) {
                Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(listenFor(settings.listen(), i)))
                        .withDialFromListenPort(true), settings.nodeOptions().withHolePunch(holePunch));
                synchronized (lock) {
                    hosts.add(node);
                }
                if (server.isEmpty()) {
                    recorders.add(new SightingRecorder(local.orElseThrow().store(), clock).watch(node.host(), false));
                }
                node.start().toCompletableFuture().get(NODE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        List<PeerId> all = hostIds();
        synchronized (lock) {
            for (Node node : hosts) {
                Thread t = new Thread(() -> loop(node, all), "measure-" + node.host().peerId().toBase58());
                t.setDaemon(true);
                loops.add(t);
            }
            loops.forEach(Thread::start);
        }
    }

    /** The hosts' nodes, in the order they were started. */
    public List<Node> hosts() {
        synchronized (lock) {
            return List.copyOf(hosts);
        }
    }

    public List<PeerId> hostIds() {
        return hosts().stream().map(n -> n.host().peerId()).toList();
    }

    public Subscription subscribe(Consumer<? super RoundEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public boolean participating() {
        synchronized (lock) {
            return participating;
        }
    }

    /**
     * Switches measuring on or off; off, each host finishes the round under way and then waits.
     * Answers the state now.
     */
    public boolean setParticipating(boolean on) {
        synchronized (lock) {
            participating = on;
            lock.notifyAll();
            return on;
        }
    }

    /** Waits until every host has done its {@link RoundSettings#rounds()}; false when {@code wait} ran out first. */
    public boolean awaitDone(Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        List<Thread> ts;
        synchronized (lock) {
            ts = List.copyOf(loops);
        }
        for (Thread t : ts) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Stops the loops (a round under way is cut short) and the hosts. */
    @Override
    public void close() {
        List<Thread> ts;
        List<Node> ns;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            ts = List.copyOf(loops);
            ns = List.copyOf(hosts);
        }
        ts.forEach(Thread::interrupt);
        for (Thread t : ts) {
            try {
                t.join(NODE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        recorders.forEach(SightingRecorder::close);
        for (Node n : ns) {
            try {
                n.stop().toCompletableFuture().get(NODE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("stopping host {} failed", n.host().peerId(), e);
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Waits while measuring is switched off; false once the rounds are closed. */
    private boolean awaitParticipating() throws InterruptedException {
        synchronized (lock) {
            while (!closed && !participating) {
                lock.wait();
            }
            return !closed;
        }
    }

    /** Sleeps {@code d}, or less when the rounds close; false once they are closed. */
    private boolean pause(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            long left;
            while (!closed && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return !closed;
        }
    }

    private void loop(Node node, List<PeerId> all) {
        PeerId me = node.host().peerId();
        int done = 0;
        int failures = 0;
        boolean registered = false;
        try {
            while ((settings.rounds() == 0 || done < settings.rounds()) && awaitParticipating()) {
                try {
                    if (!registered) {
                        register(node);
                        registered = true;
                    }
                    Optional<Target> target = next(me, all);
                    if (target.isEmpty()) {
                        failures = 0;
                        events.publish(new RoundEvent.Idle(me, "no peer to hole punch", settings.idleWait()));
                        pause(settings.idleWait());
                        continue;
                    }
                    List<Multiaddr> circuits = circuits(target.get());
                    if (circuits.isEmpty()) {
                        failures = 0;
                        events.publish(new RoundEvent.Idle(me, target.get().remote() + " has no relay address",
                                settings.idleWait()));
                        pause(settings.idleWait());
                        continue;
                    }
                    if (round(node, target.get(), circuits)) {
                        done++;
                    }
                    failures = 0;
                } catch (RuntimeException e) {
                    // PunchrException, StoreException, RoundException; anything else is retried the same way
                    failures++;
                    Duration wait = settings.backoff(failures);
                    log.info("measurement on {} failed ({} in a row), waiting {} ms: {}", me, failures, wait.toMillis(),
                            e.toString());
                    events.publish(new RoundEvent.Backoff(me, String.valueOf(e.getMessage()), failures, wait));
                    pause(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void register(Node node) {
        PeerId me = node.host().peerId();
        List<String> protocols = node.host().protocols().ids();
        server.ifPresent(s -> s.register(me, Version.agent(), protocols));
        local.ifPresent(l -> l.store().registerClient(l.authorization(), me, Version.agent(), protocols));
    }

    private Optional<Target> next(PeerId me, List<PeerId> all) {
        if (server.isPresent()) {
            return server.get().getAddrInfo(me, all).map(a -> new Target(a.remote(), a.addrs(), a.protocols()));
        }
        return local.orElseThrow().store().candidate(all, clock.instant())
                .map(c -> new Target(c.peer(), c.addrs(), List.of()));
    }

    /**
     * Where host {@code index} (from 0) listens: {@code base} itself when its TCP port is 0 (each
     * host gets a port of its own), otherwise that port plus {@code index}, as punchr's hosts take
     * consecutive ports.
     */
    static Multiaddr listenFor(Multiaddr base, int index) {
        List<Component> parts = new ArrayList<>(base.components());
        for (int i = 0; i < parts.size(); i++) {
            Component c = parts.get(i);
            if (c.protocol() == Protocol.TCP) {
                int port = Integer.parseInt(c.valueText());
                if (port == 0) {
                    return base;
                }
                if (port + index > MAX_PORT) {
                    throw new IllegalArgumentException("host " + index + " would listen beyond port " + MAX_PORT
                            + ": " + base);
                }
                parts.set(i, Component.of(Protocol.TCP, Integer.toString(port + index)));
                return Multiaddr.of(parts);
            }
        }
        throw new IllegalArgumentException("not a TCP listen address: " + base);
    }

    /** The target's relay addresses, each ending in its /p2p, in the order handed out. */
    static List<Multiaddr> circuits(Target t) {
        List<Multiaddr> out = new ArrayList<>();
        for (Multiaddr a : t.addrs()) {
            if (!a.isCircuit()) {
                continue;
            }
            Optional<PeerId> named = a.peerId();
            if (named.isEmpty()) {
                out.add(a.withPeerId(t.remote()));
            } else if (named.get().equals(t.remote()) && a.decapsulate(Protocol.P2P_CIRCUIT).peerId().isPresent()) {
                out.add(a);
            }
        }
        return out;
    }

    /** One round with one peer; answers whether it counts (the server took it, or the local store when there is no server). */
    private boolean round(Node node, Target target, List<Multiaddr> circuits) throws InterruptedException {
        PeerId me = node.host().peerId();
        PeerId remote = target.remote();
        List<Latency> latencies = new ArrayList<>();
        // The first relay that answers, of the first few; when none does, the hole punch finds the first
        // unreachable too and records NO_CONNECTION.
        Multiaddr circuit = circuits.get(0);
        for (Multiaddr candidate : circuits.subList(0, Math.min(circuits.size(), MAX_RELAYS_TRIED))) {
            Multiaddr relayAddr = candidate.decapsulate(Protocol.P2P_CIRCUIT);
            try {
                Connection relay = node.host().connect(relayAddr).toCompletableFuture()
                        .get(RELAY_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                circuit = candidate;
                PunchSteps.awaitObserved(node, OBSERVED_WAIT);
                if (settings.pings() > 0) {
                    latencies.add(latency(node, LatencyMeasurementType.TO_RELAY, relay.remotePeer(), relay.remoteAddr(),
                            PunchSteps.ping(node, relay, settings.pings())));
                }
                break;
            } catch (ExecutionException | TimeoutException e) {
                log.debug("{} could not connect to the relay {}: {}", me, relayAddr, Errors.reason(e));
            }
        }
        HolePunchRecord r;
        RelayedHold hold = new RelayedHold(node, remote);
        try {
            try {
                r = node.holePunch().punchThrough(circuit).toCompletableFuture()
                        .get(punchDeadline(node.holePunch().config()).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RoundException("the hole punch with " + remote + " broke: " + Errors.reason(e));
            } finally {
                hold.stopWatching();
            }
            List<Connection> open = node.host().connections().connections(remote).stream().filter(Connection::isOpen).toList();
            boolean hasDirect = open.stream().anyMatch(c -> !c.isRelayed());
            if (settings.pings() > 0) {
                throughRelay(node, remote, hold).ifPresent(latencies::add);
                if (hasDirect) {
                    Optional<Connection> direct = PunchSteps.openConnection(node, remote, false);
                    if (direct.isPresent()) {
                        latencies.add(latency(node, LatencyMeasurementType.TO_REMOTE_AFTER_HOLE_PUNCH, remote,
                                direct.get().remoteAddr(), PunchSteps.ping(node, direct.get(), settings.pings())));
                    }
                }
            }
            RoundObservations o = new RoundObservations(me, target.addrs(), target.protocols(),
                    open.stream().map(Connection::remoteAddr).toList(), hasDirect, node.host().advertisedAddrs(),
                    latencies, natMappings(node));
            return report(me, r, ResultMapper.map(r, o).toBuilder().setNetworkInformation(NetworkInformationProbe.probe()).build());
        } finally {
            hold.release();
            node.host().connections().connections(remote).forEach(Connection::close);
        }
    }

    /** Pings the remote through the relay on the stream that held the relayed connection open. */
    private Optional<Latency> throughRelay(Node node, PeerId remote, RelayedHold hold) throws InterruptedException {
        Optional<Connection> relayed = PunchSteps.openConnection(node, remote, true);
        if (relayed.isEmpty() || hold.relayedPing().isEmpty()) {
            return Optional.empty();
        }
        PunchSteps.Pings pings;
        try {
            PingInitiator p = hold.relayedPing().get()
                    .get(PunchSteps.PING_OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            pings = PunchSteps.ping(p, settings.pings());
        } catch (ExecutionException | TimeoutException e) {
            pings = new PunchSteps.Pings(List.of(), List.of("could not open a ping stream: " + Errors.reason(e)));
        }
        return Optional.of(latency(node, LatencyMeasurementType.TO_REMOTE_THROUGH_RELAY, remote,
                relayed.get().remoteAddr(), pings));
    }

    private boolean report(PeerId me, HolePunchRecord r, PunchrProtos.TrackHolePunchRequest request) {
        boolean kept = false;
        if (local.isPresent()) {
            local.get().store().trackHolePunch(local.get().authorization(), request, clock.instant());
            kept = true;
        }
        boolean reported = false;
        try {
            if (server.isPresent()) {
                server.get().trackHolePunch(request);
                reported = true;
            }
        } finally {
            events.publish(new RoundEvent.Measured(me, r, request, reported, kept));
        }
        return server.isPresent() ? reported : kept;
    }

    private static Latency latency(Node node, LatencyMeasurementType type, PeerId peer, Multiaddr addr,
                                   PunchSteps.Pings pings) {
        var store = node.host().peerstore();
        return new Latency(type, peer, store.agentVersion(peer).orElse(""), List.copyOf(store.protocols(peer)), addr,
                pings.rtts(), pings.errors());
    }

    private static List<PortMapping> natMappings(Node node) {
        if (node.upnp().isEmpty()) {
            return List.of();
        }
        var result = node.upnp().get().result().toCompletableFuture();
        if (!result.isDone() || result.isCompletedExceptionally()) {
            return List.of();
        }
        return List.of(result.join());
    }

    /** The longest a hole punch can take by the engine's own waits, and a margin. */
    static Duration punchDeadline(HolePunchConfig c) {
        Duration attempt = c.messageTimeout().multipliedBy(2).plus(c.dialTimeout());
        return c.streamWait().plus(c.directDialTimeout()).plus(attempt.multipliedBy(c.maxAttempts())).plus(PUNCH_MARGIN);
    }

    /** A round that could not come to a record. */
    static final class RoundException extends RuntimeException {
        RoundException(String message) {
            super(message);
        }
    }
}
