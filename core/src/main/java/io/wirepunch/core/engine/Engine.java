package io.wirepunch.core.engine;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.relay.Scheduler;
import io.wirepunch.core.transport.EventLoops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's node as the app runs it, without a command line: built from {@link EngineSettings},
 * started and stopped as a whole, rendered through {@link #snapshot()} and {@link EngineEvent}s.
 * Every task runs on the engine's own thread ({@link EngineRuntime#worker()}); a join, which waits
 * for the network, on a thread of its own. Nothing a caller does blocks a network thread.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    /** How often a snapshot is taken while nothing else asks for one. */
    public static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);

    /** The thread a join waits on, one per join. */
    static final String JOIN_THREAD = "wirepunch-join";

    private enum Lifecycle { NEW, STARTING, RUNNING, FAILED, STOPPED }

    private final EngineSettings settings;
    private final EngineRuntime runtime;
    private final EngineWorker worker;
    private final EngineWatch watch;
    /** Event loops the node shares with others in this process (the demo's), which it leaves running; none: its own. */
    private final Optional<EventLoops> sharedLoops;
    private volatile Lifecycle lifecycle = Lifecycle.NEW;
    private volatile String failure = "";
    private volatile boolean participating = true;
    private volatile UserNode running;
    private volatile Optional<Measurement> measurement = Optional.empty();
    private volatile EngineSnapshot latest;
    private volatile Scheduler.Cancellable tick = () -> { };
    private volatile Thread joining;

    /** On a thread of its own, with the system clock. */
    public Engine(EngineSettings settings) {
        this(settings, EngineWorker.ownThread(), Optional.empty());
    }

    /** As {@link #Engine(EngineSettings)}, the node on {@code shared} event loops, which its creator closes. */
    Engine(EngineSettings settings, EventLoops shared) {
        this(settings, EngineWorker.ownThread(), Optional.of(shared));
    }

    /** On the given time and thread, e.g. a scheduler a test moves by hand. */
    public Engine(EngineSettings settings, EngineRuntime runtime) {
        this(settings, runtime, new EngineWorker(runtime.worker(), Optional.empty()), Optional.empty());
    }

    private Engine(EngineSettings settings, ScheduledExecutorService own, Optional<EventLoops> sharedLoops) {
        this(settings, new EngineRuntime(Clock.systemUTC(), Scheduler.of(own), own),
                new EngineWorker(own, Optional.of(own)), sharedLoops);
    }

    private Engine(EngineSettings settings, EngineRuntime runtime, EngineWorker worker,
                   Optional<EventLoops> sharedLoops) {
        this.settings = settings;
        this.sharedLoops = sharedLoops;
        this.runtime = runtime;
        this.worker = worker;
        this.watch = new EngineWatch(worker::deliver, this::refresh);
        this.latest = EngineSnapshot.before(runtime.clock().instant(), settings.demo(), status(), participating);
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * Loads or creates the key, starts the node, the networks, the port forwards, the control API
     * and, with a server set, the measurement rounds. Fails with {@link EngineAlreadyRunningException}
     * when a node answers on the control socket already; a failure is also the snapshot's ERROR line.
     */
    public synchronized CompletionStage<Void> start() {
        if (lifecycle != Lifecycle.NEW) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine was started already"));
        }
        lifecycle = Lifecycle.STARTING;
        return worker.run(() -> {
            try {
                startNow();
            } catch (Exception e) {
                failure = Errors.reason(e);
                lifecycle = Lifecycle.FAILED;
                watch.close();
                takeSnapshot();
                throw e;
            }
        });
    }

    private void startNow() throws Exception {
        UserNode.refuseIfRunning(settings.controlSocket());
        HostConfig host = HostConfig.of(UserFiles.loadOrCreateKey(settings.configDir()), settings.listen())
                .withDialFromListenPort(true);
        Node node = new Node(sharedLoops.map(host::withEventLoops).orElse(host), settings.nodeOptions());
        watch.node(node);
        running = UserNode.start(node, Optional.of(settings.configDir()), settings.controlSocket(),
                () -> worker.deliver(new EngineEvent.DownRequested()), runtime.clock());
        running.services().ifPresent(s -> watch.invites(s.networks()));
        measurement = settings.measurement().map(m -> Measurement.start(m, node, settings.nodeOptions(),
                settings.configDir().resolve(UserFiles.MEASURE_DIR), participating, runtime.clock()));
        lifecycle = Lifecycle.RUNNING;
        applyParticipation();
        log.info("engine started as {}{}", node.host().peerId(), settings.demo() ? " on the demo network" : "");
        scheduleTick();
    }

    /** Closes the control API, stops the measurement, the networks and forwards, then the node; once. */
    public synchronized CompletionStage<Void> stop() {
        if (lifecycle == Lifecycle.STOPPED) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> stopped = worker.run(() -> {
            tick.cancel();
            Thread join = joining;
            if (join != null) {
                join.interrupt();
            }
            watch.close();
            measurement.ifPresent(Measurement::close);
            if (running != null) {
                running.stop();
            }
            lifecycle = Lifecycle.STOPPED;
            takeSnapshot();
        });
        return stopped.whenComplete((v, e) -> worker.shutdown());
    }

    /** Takes part for others or not: relaying, serving the DHT, measurement rounds. Completes once applied. */
    public CompletionStage<Void> setParticipating(boolean on) {
        participating = on;
        return worker.run(() -> {
            applyParticipation();
            takeSnapshot();
        });
    }

    private void applyParticipation() {
        if (running == null) {
            return;
        }
        Node node = running.node();
        node.setParticipating(participating);
        node.dht().ifPresent(d -> d.setMode(participating ? Dht.Mode.SERVER : Dht.Mode.CLIENT));
        measurement.ifPresent(m -> m.setParticipating(participating));
    }

    /**
     * An invitation into {@code network} (see {@link Networks#invite}), open for {@code ttl}; its
     * string, {@link Invitation#encodeGrouped()}, is what the user copies.
     */
    public CompletionStage<Invitation> invite(Optional<String> network, Duration ttl) {
        return worker.call(() -> networks().invite(network, ttl));
    }

    /**
     * Joins with a pasted invitation on a thread of its own; {@link EngineEvent.JoinProgressed}
     * and the snapshot's {@code join} follow it: finding, through a relay, punching, then direct or relayed.
     */
    public CompletionStage<JoinOutcome> join(String invitationText) {
        CompletableFuture<JoinOutcome> out = new CompletableFuture<>();
        Invitation invitation;
        Networks networks;
        try {
            invitation = Invitation.parse(invitationText, runtime.clock());
            networks = networks();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        JoinWatch progress = new JoinWatch(running.node(), JoinProgress.finding(invitation.inviter(),
                invitation.network().name()), watch::joinProgressed);
        Thread t = new Thread(() -> {
            try {
                JoinOutcome outcome = networks.join(invitation);
                progress.joined(outcome);
                out.complete(outcome);
            } catch (Exception e) {
                progress.failed(Errors.reason(e));
                out.completeExceptionally(e);
            }
        }, JOIN_THREAD);
        t.setDaemon(true);
        joining = t;
        t.start();
        return out;
    }

    private Networks networks() {
        UserNode r = running;
        if (r == null || lifecycle != Lifecycle.RUNNING) {
            throw new IllegalStateException("the engine is not running");
        }
        return r.services().orElseThrow().networks();
    }

    /** The latest snapshot; never computed on the caller's thread. */
    public EngineSnapshot snapshot() {
        return latest;
    }

    /** Takes a snapshot on the engine's thread now; completes with it. */
    public CompletionStage<EngineSnapshot> refresh() {
        return worker.call(this::takeSnapshot);
    }

    /** Events on the engine's thread, until the handle is closed. */
    public Subscription subscribe(Consumer<? super EngineEvent> subscriber) {
        return worker.subscribe(subscriber);
    }

    /** The running node, for what the snapshot does not carry (e.g. a ping from the peers view). */
    public Optional<Node> node() {
        UserNode r = running;
        return r == null || lifecycle != Lifecycle.RUNNING ? Optional.empty() : Optional.of(r.node());
    }

    private void scheduleTick() {
        tick = runtime.ticks().schedule(SNAPSHOT_INTERVAL, () -> {
            if (lifecycle == Lifecycle.RUNNING) {
                refresh();
                scheduleTick();
            }
        });
    }

    private EngineSnapshot takeSnapshot() {
        EngineSnapshot previous = latest;
        Instant now = runtime.clock().instant();
        EngineSnapshot next;
        UserNode r = running;
        if (lifecycle == Lifecycle.RUNNING && r != null) {
            watch.measureRelays(r.node(), settings.relays(), now);
            next = SnapshotReader.read(now, r, new SnapshotReader.Extras(settings.demo(), participating,
                    watch.relayRtts(), watch.join(), measurement.map(Measurement::line)));
            watch.relayUsage(next.relayService());
        } else {
            next = EngineSnapshot.before(now, settings.demo(), status(), participating);
        }
        latest = next;
        if (!next.withAt(previous.at()).equals(previous)) {
            worker.publishHere(new EngineEvent.StateChanged(next));
        }
        return next;
    }

    private EngineSnapshot.Status status() {
        return switch (lifecycle) {
            case NEW, STARTING, RUNNING -> new EngineSnapshot.Status(EngineSnapshot.State.STARTING, "Starting");
            case FAILED -> new EngineSnapshot.Status(EngineSnapshot.State.ERROR, failure);
            case STOPPED -> new EngineSnapshot.Status(EngineSnapshot.State.STOPPED, "Stopped");
        };
    }
}
