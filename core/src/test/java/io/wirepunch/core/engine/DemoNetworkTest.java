package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.engine.EngineSnapshot.State;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.peers.PeerState;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo network: real nodes on loopback fill every part of the snapshot, and all of it goes away on stop. */
class DemoNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Threads the engine and the user's services start, which must all end with the demo. */
    private static final Set<String> ENGINE_THREADS =
            Set.of(EngineWorker.THREAD_NAME, "networks-timer", Engine.JOIN_THREAD);

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static EngineSnapshot fresh(Engine engine) {
        try {
            return get(engine.refresh());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void realNodesFillTheSnapshotAndStopWithoutLeavingThreadsOrPorts() throws Exception {
        long ioThreadsBefore = ioThreads();
        DemoNetwork demo = DemoNetwork.create();
        Engine engine = demo.engine();
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        engine.subscribe(events::add);
        assertThat(engine.snapshot().demo()).isTrue();

        get(demo.start());

        List<PeerId> peers = demo.others().stream().skip(2).map(n -> n.host().peerId()).toList();
        assertThat(peers).hasSize(DemoNetwork.PEERS);
        await().atMost(WAIT).until(() -> {
            EngineSnapshot s = fresh(engine);
            return s.status().state() == State.PARTICIPATING
                    && s.peers().stream().filter(p -> peers.contains(p.peer())).anyMatch(p -> p.path().equals("direct"))
                    && s.recentPunches().stream().anyMatch(r -> r.outcome() == HolePunchOutcome.SUCCESS)
                    && s.relayService().map(u -> u.globalBytes() > 0).orElse(false)
                    && s.diagnostics().relayRtts().containsKey(demo.others().get(1).host().peerId());
        });
        EngineSnapshot s = fresh(engine);
        assertThat(s.demo()).isTrue();
        assertThat(s.status().line()).startsWith("Participating · ");
        assertThat(s.recentPunches()).anySatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(HolePunchOutcome.SUCCESS);
            assertThat(r.relay()).isPresent();
            assertThat(r.attempts()).isNotEmpty();
        });
        assertThat(s.relayClient().totalReceivedBytes()).isPositive();
        assertThat(s.diagnostics().circuitAddrs()).isNotEmpty();
        assertThat(s.diagnostics().bootstrap()).isPresent();
        PeerState stayedRelayed = s.peers().stream().filter(p -> p.peer().equals(peers.get(DemoNetwork.PEERS - 1)))
                .findFirst().orElseThrow();
        assertThat(stayedRelayed.path()).isEqualTo("relayed");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(EngineEvent.PunchFinished.class));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(EngineEvent.PeerConnected.class));

        List<InetSocketAddress> ports = new ArrayList<>();
        for (Node n : demo.others()) {
            ports.add(n.host().listenAddrs().get(0).toInetSocketAddress());
        }
        for (Multiaddr a : engine.node().orElseThrow().host().listenAddrs()) {
            ports.add(a.toInetSocketAddress());
        }
        assertThat(liveEngineThreads()).isNotEmpty();
        // Six nodes, one set of event loops.
        assertThat(ioThreads() - ioThreadsBefore).isBetween(1L, (long) DemoNetwork.IO_THREADS);

        get(demo.stop());

        assertThat(engine.snapshot().status().state()).isEqualTo(State.STOPPED);
        assertThat(Files.exists(demo.directory())).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> liveEngineThreads().isEmpty());
        for (InetSocketAddress port : ports) {
            try (ServerSocket again = new ServerSocket()) {
                again.bind(port);
                assertThat(again.getLocalPort()).isEqualTo(port.getPort());
            }
        }
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("wirepunch-tcp-io")).count();
    }

    private static Set<String> liveEngineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(ENGINE_THREADS::contains).collect(Collectors.toSet());
    }
}
