package io.wirepunch.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TerminatorTest {
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final AtomicInteger stops = new AtomicInteger();

    private Terminator terminator(CompletableFuture<Void> engineStopped, Duration grace) {
        return new Terminator(() -> {
            stops.incrementAndGet();
            steps.add("stop engine");
            return engineStopped;
        }, () -> steps.add("exit toolkit"), grace);
    }

    @Test
    void cleanupsRunThenTheEngineStopsThenTheToolkitEnds() throws Exception {
        Terminator terminator = terminator(CompletableFuture.completedFuture(null), Duration.ofSeconds(5))
                .beforeStop("save window", () -> steps.add("save window"))
                .beforeStop("remove tray", () -> steps.add("remove tray"));

        Terminator.Reason reason = terminator.terminate(Terminator.Reason.MENU_QUIT).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(reason).isEqualTo(Terminator.Reason.MENU_QUIT);
        assertThat(steps).containsExactly("save window", "remove tray", "stop engine", "exit toolkit");
    }

    @Test
    void everyQuitPathAfterTheFirstGetsTheFirstsResultAndTheEngineStopsOnce() throws Exception {
        CompletableFuture<Void> engineStopped = new CompletableFuture<>();
        Terminator terminator = terminator(engineStopped, Duration.ofSeconds(5));

        var first = terminator.terminate(Terminator.Reason.LAST_WINDOW_CLOSED);
        var second = terminator.terminate(Terminator.Reason.MENU_QUIT);
        engineStopped.complete(null);

        assertThat(second.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Terminator.Reason.LAST_WINDOW_CLOSED);
        assertThat(first).isSameAs(second);
        assertThat(stops).hasValue(1);
        assertThat(terminator.terminating()).isTrue();
    }

    @Test
    void anEngineThatDoesNotStopWithinTheGraceDoesNotKeepTheAppAlive() throws Exception {
        Terminator terminator = terminator(new CompletableFuture<>(), Duration.ofMillis(200));

        terminator.terminate(Terminator.Reason.MENU_QUIT).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(steps).containsExactly("stop engine", "exit toolkit");
    }

    @Test
    void aFailingCleanupOrStopDoesNotStopTheRest() throws Exception {
        Terminator terminator = terminator(CompletableFuture.failedFuture(new IllegalStateException("boom")), Duration.ofSeconds(5))
                .beforeStop("broken", () -> { throw new IllegalStateException("broken"); })
                .beforeStop("after", () -> steps.add("after"));

        terminator.terminate(Terminator.Reason.MENU_QUIT).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(steps).containsExactly("after", "stop engine", "exit toolkit");
    }

    @Test
    void theShutdownHookStopsTheEngineWithoutEndingTheToolkit() throws Exception {
        Terminator terminator = terminator(CompletableFuture.completedFuture(null), Duration.ofSeconds(5));
        Thread hook = terminator.installShutdownHook(Runtime.getRuntime());
        try {
            hook.run(); // what the JVM does when it ends without a quit (logout)

            assertThat(steps).containsExactly("stop engine");
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    @Test
    void aSignalQuitsLikeTheMenuAndEndsTheToolkit() throws Exception {
        Terminator terminator = terminator(CompletableFuture.completedFuture(null), Duration.ofSeconds(5));

        terminator.terminate(Terminator.Reason.SIGNAL).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(steps).containsExactly("stop engine", "exit toolkit");
    }
}
