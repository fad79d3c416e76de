package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.core.measure.InMemoryStore;
import io.wirepunch.core.measure.server.MeasureMetrics;
import io.wirepunch.core.measure.server.PunchrServer;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a measurement server set, the engine runs punchr's client rounds beside the node and pauses them with it. */
class EngineMeasurementTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final InMemoryStore store = new InMemoryStore();
    private PunchrServer server;
    private Engine engine;

    @BeforeEach
    void server() throws Exception {
        server = PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, null, null), store, new MeasureMetrics());
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            get(engine.stop());
        }
        server.close();
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void theRoundsRegisterWithTheServerFollowParticipationAndStopWithTheEngine() throws Exception {
        String address = "127.0.0.1:" + server.address().getPort();
        engine = new Engine(EngineSettings.forUser(tmp).withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
                .withBootstrap(List.of()).withMeasurement(Optional.of(
                        new MeasurementSettings(address, store.addApiKey("engine"), 1, false))));

        get(engine.start());

        await().atMost(WAIT).until(() -> store.clients().size() == 1);
        EngineSnapshot s = get(engine.refresh());
        assertThat(s.diagnostics().measurement()).hasValueSatisfying(line -> assertThat(line).startsWith(address + ": "));
        assertThat(store.clients()).doesNotContain(engine.node().orElseThrow().host().peerId());

        get(engine.setParticipating(false));

        assertThat(engine.snapshot().diagnostics().measurement()).contains(address + ": paused");

        get(engine.stop());
        engine = null;

        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("measure-")));
    }
}
