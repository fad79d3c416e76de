package io.wirepunch.app.lifecycle;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT quit the app as its menu does (the engine stops gracefully, the process ends
 * with status 0, like the command line's node) instead of the JVM's default end with status 143
 * or 130. A second signal while quitting ends the process at once: whoever sends it means it.
 */
public final class QuitSignals {
    private static final Logger LOG = LoggerFactory.getLogger(QuitSignals.class);
    static final List<String> SIGNALS = List.of("TERM", "INT");
    /** The exit status of a second signal, as the shell reports a process a SIGTERM ended. */
    static final int FORCED_EXIT_STATUS = 143;

    private QuitSignals() {}

    /**
     * Runs {@code quit} on the first SIGTERM or SIGINT, on a thread of its own; calls {@code halt}
     * with {@link #FORCED_EXIT_STATUS} on the next. Where the JVM does not let the app handle a
     * signal (-Xrs), its default stays and the shutdown hook still stops the engine.
     */
    public static void install(Runnable quit, java.util.function.IntConsumer halt) {
        AtomicInteger received = new AtomicInteger();
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (received.getAndIncrement() == 0) {
                        LOG.info("SIG{}: quitting", s.getName());
                        Thread t = new Thread(quit, "wirepunch-signal");
                        t.setDaemon(false);
                        t.start();
                    } else {
                        LOG.warn("SIG{} while quitting: ending now", s.getName());
                        halt.accept(FORCED_EXIT_STATUS);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("SIG{} stays the JVM's: {}", name, e.getMessage());
            }
        }
    }
}
