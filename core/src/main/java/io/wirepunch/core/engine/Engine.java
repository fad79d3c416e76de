package io.wirepunch.core.engine;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.membership.Networks;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.protocol.relay.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

    private enum Lifecycle { NEW, STARTING, RUNNING, FAILED, STOPPED }

    private final EngineSettings settings;
    private final EngineRuntime runtime;
    private final Optional<ScheduledExecutorService> owned;
    private final EventBus<EngineEvent> events = new EventBus<>();
    private final EngineWatch watch;
    private volatile Lifecycle lifecycle = Lifecycle.NEW;
    private volatile String failure = "";
    private volatile boolean participating = true;
    private volatile UserNode running;
    private volatile Optional<Measurement> measurement = Optional.empty();
    private volatile EngineSnapshot latest;
    private volatile Scheduler.Cancellable tick = () -> { };

    /** On a thread of its own, with the system clock. */
    public Engine(EngineSettings settings) {
        this(settings, ownExecutor());
    }

    /** On the given time and thread, e.g. a scheduler a test moves by hand. */
    public Engine(EngineSettings settings, EngineRuntime runtime) {
        this(settings, runtime, Optional.empty());
    }

    private Engine(EngineSettings settings, ScheduledExecutorService executor) {
        this(settings, new EngineRuntime(Clock.systemUTC(), Scheduler.of(executor), executor), Optional.of(executor));
    }

    private Engine(EngineSettings settings, EngineRuntime runtime, Optional<ScheduledExecutorService> owned) {
        this.settings = settings;
        this.runtime = runtime;
        this.owned = owned;
        this.watch = new EngineWatch(this::deliver, this::refresh);
        this.latest = EngineSnapshot.before(runtime.clock().instant(), settings.demo(), status(), participating);
    }

    private static ScheduledExecutorService ownExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wirepunch-engine");
            t.setDaemon(true);
            return t;
        });
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
        return onWorker(() -> {
            try {
                startNow();
            } catch (Exception e) {
                failure = Errors.reason(e);
                lifecycle = Lifecycle.FAILED;
                takeSnapshot();
                throw e;
            }
        });
    }

    private void startNow() throws Exception {
        UserNode.refuseIfRunning(settings.controlSocket());
        Node node = new Node(HostConfig.of(UserFiles.loadOrCreateKey(settings.configDir()),
                settings.listen()).withDialFromListenPort(true), settings.nodeOptions());
        watch.node(node);
        running = UserNode.start(node, Optional.of(settings.configDir()), settings.controlSocket(),
                () -> deliver(new EngineEvent.DownRequested()), runtime.clock());
        running.services().ifPresent(s -> watch.invites(s.networks()));
        measurement = settings.measurement().map(m -> Measurement.start(m, settings.nodeOptions(), participating,
                runtime.clock()));
        lifecycle = Lifecycle.RUNNING;
        applyParticipation();
        log.info("engine started as {}{}", node.host().peerId(), settings.demo() ? " on the demo network" : "");
        scheduleTick();
    }

    /** Closes the control API, stops the measurement, the networks and forwards, then the node. */
    public synchronized CompletionStage<Void> stop() {
        CompletionStage<Void> stopped = onWorker(() -> {
            tick.cancel();
            watch.close();
            measurement.ifPresent(Measurement::close);
            if (running != null) {
                running.stop();
            }
            lifecycle = Lifecycle.STOPPED;
            takeSnapshot();
        });
        return stopped.whenComplete((v, e) -> owned.ifPresent(ScheduledExecutorService::shutdown));
    }

    /** Takes part for others or not: relaying, serving the DHT, measurement rounds. Completes once applied. */
    public CompletionStage<Void> setParticipating(boolean on) {
        participating = on;
        return onWorker(() -> {
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
        node.dht().ifPresent(d -> d.setMode(participating ? Dht.Mode.SERVER
                : Dht.Mode.CLIENT));
        measurement.ifPresent(m -> m.setParticipating(participating));
    }

    /**
     * An invitation into {@code network} (see {@link Networks#invite}), open for {@code ttl}; its
     * string, {@link Invitation#encodeGrouped()}, is what the user copies.
     */
    public CompletionStage<Invitation> invite(Optional<String> network, Duration ttl) {
        CompletableFuture<Invitation> out = new CompletableFuture<>();
        onWorker(() -> out.complete(networks().invite(network, ttl))).whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            }
        });
        return out;
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
        }, "wirepunch-join");
        t.setDaemon(true);
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
        CompletableFuture<EngineSnapshot> out = new CompletableFuture<>();
        onWorker(() -> out.complete(takeSnapshot())).whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** Events on the engine's thread, until the handle is closed. */
    public Subscription subscribe(Consumer<? super EngineEvent> subscriber) {
        return events.subscribe(subscriber);
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
            events.publish(new EngineEvent.StateChanged(next));
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

    /** Hands {@code event} to the subscribers on the engine's thread; after stop there is no one to tell. */
    private void deliver(EngineEvent event) {
        try {
            runtime.worker().execute(() -> events.publish(event));
        } catch (RejectedExecutionException e) {
            log.debug("engine stopped; {} not delivered", event.getClass().getSimpleName());
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    private CompletionStage<Void> onWorker(Task task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            runtime.worker().execute(() -> {
                try {
                    task.run();
                    done.complete(null);
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the engine has stopped", e));
        }
        return done;
    }
}
