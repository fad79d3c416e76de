package io.wirepunch.core.engine;

import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Subscription;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The engine's one thread: its tasks run there in turn and its events reach subscribers there, so
 * that a subscriber never runs on a network thread and never sees two events at once.
 */
final class EngineWorker {
    /** The thread the engine makes for itself when none is given. */
    static final String THREAD_NAME = "wirepunch-engine";

    private final Executor executor;
    private final Optional<ScheduledExecutorService> owned;
    private final EventBus<EngineEvent> events = new EventBus<>();

    EngineWorker(Executor executor, Optional<ScheduledExecutorService> owned) {
        this.executor = executor;
        this.owned = owned;
    }

    static ScheduledExecutorService ownThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the thread; completes with its answer, or its failure. */
    <T> CompletionStage<T> call(Callable<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    done.complete(task.call());
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the engine has stopped", e));
        }
        return done;
    }

    /** A task without an answer. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    CompletionStage<Void> run(Task task) {
        return call(() -> {
            task.run();
            return null;
        });
    }

    /** Hands {@code event} to the subscribers on the thread; after stop there is no one to tell. */
    void deliver(EngineEvent event) {
        run(() -> events.publish(event));
    }

    /** Tells the subscribers now; only on the thread. */
    void publishHere(EngineEvent event) {
        events.publish(event);
    }

    Subscription subscribe(Consumer<? super EngineEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /** Ends the engine's own thread once its last task ran; a thread that was given is its owner's. */
    void shutdown() {
        owned.ifPresent(ScheduledExecutorService::shutdown);
    }
}
