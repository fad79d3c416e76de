package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.control.ControlSocket;
import io.wirepunch.core.engine.EngineSnapshot.State;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.membership.JoinOutcome;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.kad.dht.Dht;
import io.wirepunch.core.protocol.relay.ManualScheduler;
import io.wirepunch.core.testutil.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on loopback with a temporary configuration directory and control socket, on a clock the test moves. */
class EngineTest {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final FakeClock clock = new FakeClock();
    private final ManualScheduler ticks = new ManualScheduler(clock);
    private final List<ExecutorService> workers = new ArrayList<>();
    private final List<Engine> engines = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();

    EngineTest() {
        clock.set(Instant.now());
    }

    @AfterEach
    void stop() throws Exception {
        for (Engine e : engines) {
            get(e.stop());
        }
        for (Node n : nodes) {
            get(n.stop());
        }
        workers.forEach(ExecutorService::shutdownNow);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private EngineSettings settings(String name) {
        return EngineSettings.forUser(tmp.resolve(name)).withListen(List.of(LOOPBACK)).withBootstrap(List.of())
                .withControlSocket(Optional.of(tmp.resolve("run").resolve(name + ".sock")));
    }

    private Engine engine(EngineSettings settings) {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        workers.add(worker);
        Engine engine = new Engine(settings, new EngineRuntime(clock, ticks, worker));
        engines.add(engine);
        engine.subscribe(events::add);
        return engine;
    }

    private Node plainNode() throws Exception {
        Node n = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), NodeOptions.defaults());
        nodes.add(n);
        get(n.start());
        return n;
    }

    private static Multiaddr addr(Node node) {
        return node.host().listenAddrs().get(0).withPeerId(node.host().peerId());
    }

    @Test
    void startsWithANewKeyAndTheControlApiAndStopsBoth() throws Exception {
        EngineSettings settings = settings("a");
        Engine engine = engine(settings);
        assertThat(engine.snapshot().status().state()).isEqualTo(State.STARTING);

        get(engine.start());

        Path key = settings.configDir().resolve(UserFiles.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Node node = engine.node().orElseThrow();
        assertThat(node.host().peerId()).isEqualTo(KeyFile.read(key).publicKey().peerId());
        Path socket = settings.controlSocket().orElseThrow();
        assertThat(ControlSocket.isAnswering(socket)).isTrue();
        EngineSnapshot s = get(engine.refresh());
        assertThat(s.self()).contains(node.host().peerId());
        assertThat(s.status()).isEqualTo(new EngineSnapshot.Status(State.PARTICIPATING, "Participating · 0 peers · 0 direct"));
        assertThat(s.demo()).isFalse();
        assertThat(s.diagnostics().listenAddrs()).isNotEmpty();

        get(engine.stop());

        assertThat(ControlSocket.isAnswering(socket)).isFalse();
        assertThat(engine.snapshot().status().state()).isEqualTo(State.STOPPED);
        assertThat(engine.node()).isEmpty();
        assertThat(get(engine.stop())).isNull();
        engines.remove(engine);
    }

    @Test
    void theSameKeyIsUsedOnTheNextStart() throws Exception {
        EngineSettings settings = settings("a");
        Engine first = engine(settings);
        get(first.start());
        var id = first.node().orElseThrow().host().peerId();
        get(first.stop());
        engines.remove(first);

        Engine second = engine(settings);
        get(second.start());

        assertThat(second.node().orElseThrow().host().peerId()).isEqualTo(id);
    }

    @Test
    void aSecondInstanceOnTheSameControlSocketIsRefused() throws Exception {
        get(engine(settings("a")).start());
        Engine second = engine(settings("a").withConfigDir(tmp.resolve("b")));

        assertThatThrownBy(() -> get(second.start())).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EngineAlreadyRunningException.class)
                .hasMessageContaining("already running for this user");
        EngineSnapshot s = second.snapshot();
        assertThat(s.status().state()).isEqualTo(State.ERROR);
        assertThat(s.status().line()).contains("already running");
        assertThat(second.node()).isEmpty();
        assertThat(Files.exists(tmp.resolve("b").resolve(UserFiles.KEY_FILE))).isFalse();
    }

    @Test
    void startingTwiceIsRefused() throws Exception {
        Engine engine = engine(settings("a"));
        get(engine.start());

        assertThatThrownBy(() -> get(engine.start())).cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void participationReachesTheNodeAndItsDht() throws Exception {
        Node bootstrap = new Node(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)), NodeOptions.defaults()
                .withDht(DemoNetwork.DemoNodes.dht(List.of())));
        nodes.add(bootstrap);
        get(bootstrap.start());
        Engine engine = engine(settings("a").withBootstrap(List.of(addr(bootstrap)))
                .withPublicRanges(DemoNetwork.LOOPBACK_PUBLIC));
        get(engine.start());
        Node node = engine.node().orElseThrow();
        assertThat(node.participating()).isTrue();

        get(engine.setParticipating(false));

        assertThat(node.participating()).isFalse();
        assertThat(node.dht().orElseThrow().mode()).isEqualTo(Dht.Mode.CLIENT);
        assertThat(engine.snapshot().status().state()).isEqualTo(State.PAUSED);
        assertThat(engine.snapshot().participating()).isFalse();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(EngineEvent.StateChanged.class,
                c -> assertThat(c.snapshot().status().state()).isEqualTo(State.PAUSED)));

        get(engine.setParticipating(true));

        assertThat(node.participating()).isTrue();
        assertThat(node.dht().orElseThrow().mode()).isEqualTo(Dht.Mode.SERVER);
    }

    @Test
    void aPeerThatConnectsIsInTheSnapshotAndAnnounced() throws Exception {
        Engine engine = engine(settings("a"));
        get(engine.start());
        Node self = engine.node().orElseThrow();
        Node peer = plainNode();

        get(peer.host().connect(addr(self)));

        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof EngineEvent.PeerConnected c
                && c.peer().equals(peer.host().peerId()) && !c.relayed()));
        await().atMost(WAIT).until(() -> engine.snapshot().counts().peers() == 1);
        EngineSnapshot s = engine.snapshot();
        assertThat(s.counts()).isEqualTo(new EngineSnapshot.Counts(1, 1, 0));
        assertThat(s.peers()).anySatisfy(p -> {
            assertThat(p.peer()).isEqualTo(peer.host().peerId());
            assertThat(p.path()).isEqualTo("direct");
        });
        assertThat(s.status().line()).isEqualTo("Participating · 1 peer · 1 direct");
    }

    @Test
    void aSnapshotIsTakenEachIntervalOnTheEnginesThread() throws Exception {
        Engine engine = engine(settings("a"));
        get(engine.start());
        get(engine.refresh());
        assertThat(ticks.pending()).isEqualTo(1);
        Instant before = engine.snapshot().at();

        ticks.advance(Engine.SNAPSHOT_INTERVAL);

        Instant expected = before.plus(Engine.SNAPSHOT_INTERVAL);
        await().atMost(WAIT).until(() -> !engine.snapshot().at().isBefore(expected));
        assertThat(ticks.pending()).isEqualTo(1);
        get(engine.stop());
        engines.remove(engine);
        ticks.advance(Engine.SNAPSHOT_INTERVAL);
        assertThat(ticks.pending()).isZero();
    }

    @Test
    void anInvitationJoinsAnotherEngineDirectlyWithItsProgressTold() throws Exception {
        Engine inviter = engine(settings("a"));
        Engine joiner = engine(settings("b"));
        get(inviter.start());
        get(joiner.start());
        List<EngineEvent> atInviter = new CopyOnWriteArrayList<>();
        try (Subscription s = inviter.subscribe(atInviter::add)) {
            Invitation invitation = get(inviter.invite(Optional.empty(), Duration.ofHours(1)));

            JoinOutcome outcome = get(joiner.join(invitation.encodeGrouped()));

            assertThat(outcome.relayed()).isFalse();
            assertThat(outcome.inviter()).isEqualTo(inviter.node().orElseThrow().host().peerId());
            await().atMost(WAIT).until(() -> atInviter.stream().anyMatch(e -> e instanceof EngineEvent.PeerJoined j
                    && j.peer().equals(joiner.node().orElseThrow().host().peerId())));
        }
        List<JoinProgress.Stage> stages = events.stream().filter(e -> e instanceof EngineEvent.JoinProgressed)
                .map(e -> ((EngineEvent.JoinProgressed) e).progress().stage()).distinct().toList();
        assertThat(stages).containsSubsequence(JoinProgress.Stage.FINDING, JoinProgress.Stage.DIRECT);
        EngineSnapshot s = get(joiner.refresh());
        assertThat(s.join()).hasValueSatisfying(j -> {
            assertThat(j.stage()).isEqualTo(JoinProgress.Stage.DIRECT);
            assertThat(j.outcome()).isPresent();
        });
    }

    @Test
    void aMalformedInvitationFailsAtOnce() throws Exception {
        Engine engine = engine(settings("a"));
        get(engine.start());

        assertThatThrownBy(() -> get(engine.join("wp1notaninvitation"))).isInstanceOf(ExecutionException.class);
        assertThat(engine.snapshot().join()).isEmpty();
    }
}
