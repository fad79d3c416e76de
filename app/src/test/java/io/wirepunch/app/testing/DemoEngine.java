package io.wirepunch.app.testing;

import static org.awaitility.Awaitility.await;

import io.wirepunch.core.engine.DemoNetwork;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSettings;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One demo network of real nodes on loopback for all view tests of a run: starting it takes
 * seconds, so the tests share it, and it is stopped when the test JVM ends.
 */
public final class DemoEngine {
    public static final Duration WAIT = Duration.ofSeconds(60);
    private static DemoNetwork demo;

    private DemoEngine() {}

    /** The running demo, its peers connected. */
    public static synchronized DemoNetwork running() throws Exception {
        if (demo == null) {
            DemoNetwork network = DemoNetwork.create();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> network.stop().toCompletableFuture().join()));
            network.start().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            demo = network;
            snapshotWhere(s -> s.counts().peers() >= DemoNetwork.PEERS);
        }
        return demo;
    }

    /** Another user's engine on loopback, started, without a DHT or control socket: one who joins with an invitation. */
    public static Engine startOtherEngine(Path dir) throws Exception {
        Engine other = new Engine(EngineSettings.forUser(dir).withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
                .withBootstrap(List.of()).withControlSocket(Optional.empty()));
        other.start().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return other;
    }

    public static Engine engine() throws Exception {
        return running().engine();
    }

    /** A fresh snapshot of the demo engine once {@code condition} holds. */
    public static EngineSnapshot snapshotWhere(Predicate<EngineSnapshot> condition) {
        EngineSnapshot[] found = new EngineSnapshot[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            found[0] = demo.engine().refresh().toCompletableFuture().get(5, TimeUnit.SECONDS);
            return condition.test(found[0]);
        });
        return found[0];
    }
}
