package io.wirepunch.app.lifecycle;

import io.wirepunch.core.errors.Errors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every way of quitting ends here, once: the menu's Quit, the last window closed where there is no
 * tray, SIGTERM and SIGINT (see {@link QuitSignals}), and logout or any other end of the JVM through
 * the shutdown hook. It runs the cleanups registered (save the window's place, remove the tray
 * icon), stops the engine gracefully within a grace period, then ends the toolkit, which a
 * shutdown hook must not wait for.
 */
public final class Terminator {
    private static final Logger LOG = LoggerFactory.getLogger(Terminator.class);
    /** Long enough for the node to say goodbye to its peers; a stuck stop must not keep the process alive. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    /**
     * Why the app quits; logged. A {@link #SIGNAL} (SIGTERM, SIGINT) quits like the menu, so the
     * process ends with status 0; {@link #JVM_EXIT} (the shutdown hook: the JVM ends anyway) skips
     * ending the toolkit.
     */
    public enum Reason { MENU_QUIT, LAST_WINDOW_CLOSED, DOWN_REQUESTED, SIGNAL, JVM_EXIT }

    private record Cleanup(String name, Runnable action) {}

    private final Supplier<? extends CompletionStage<?>> stopEngine;
    private final Runnable exitToolkit;
    private final Duration grace;
    private final List<Cleanup> cleanups = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Reason> done = new CompletableFuture<>();

    public Terminator(Supplier<? extends CompletionStage<?>> stopEngine, Runnable exitToolkit, Duration grace) {
        this.stopEngine = stopEngine;
        this.exitToolkit = exitToolkit;
        this.grace = grace;
    }

    /** Runs {@code action} when quitting, before the engine stops, in the order registered. */
    public synchronized Terminator beforeStop(String name, Runnable action) {
        cleanups.add(new Cleanup(name, action));
        return this;
    }

    /** Quits for {@code reason}; the first call does the work on its own thread, later ones get the same result. */
    public CompletionStage<Reason> terminate(Reason reason) {
        if (started.compareAndSet(false, true)) {
            Thread quit = new Thread(() -> run(reason), "wirepunch-quit");
            quit.setDaemon(false);
            quit.start();
        }
        return done;
    }

    public boolean terminating() {
        return started.get();
    }

    /** Quits through this terminator when the JVM ends for another reason than a quit (logout, System.exit, a signal not handled). */
    public Thread installShutdownHook(Runtime runtime) {
        Thread hook = new Thread(() -> {
            try {
                terminate(Reason.JVM_EXIT).toCompletableFuture().get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("quitting on a signal did not finish: {}", e.toString());
            }
        }, "wirepunch-shutdown");
        runtime.addShutdownHook(hook);
        return hook;
    }

    private void run(Reason reason) {
        LOG.info("quitting ({})", reason);
        List<Cleanup> toRun;
        synchronized (this) {
            toRun = List.copyOf(cleanups);
        }
        for (Cleanup cleanup : toRun) {
            try {
                cleanup.action().run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed while quitting: {}", cleanup.name(), e.toString());
            }
        }
        stopEngineWithinGrace();
        if (reason != Reason.JVM_EXIT) {
            try {
                exitToolkit.run();
            } catch (RuntimeException e) {
                LOG.warn("ending the toolkit failed: {}", e.toString());
            }
        }
        done.complete(reason);
    }

    private void stopEngineWithinGrace() {
        long started = System.nanoTime();
        try {
            stopEngine.get().toCompletableFuture().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("the engine stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (TimeoutException e) {
            LOG.warn("the engine did not stop within {} s; quitting anyway", grace.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping the engine failed: {}", Errors.message(e));
        }
    }
}
