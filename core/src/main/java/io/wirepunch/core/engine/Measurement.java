package io.wirepunch.core.engine;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.measure.client.MeasurementRounds;
import io.wirepunch.core.measure.client.PunchrClient;
import io.wirepunch.core.measure.client.RoundEvent;
import io.wirepunch.core.measure.client.RoundSettings;
import io.wirepunch.core.measure.honeypot.SightingRecorder;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurement rounds the engine runs while it participates: punchr's client, its hosts started
 * off the caller's thread, paused and resumed with participation, and one line for the diagnostics
 * view. With a server the results go there; without one the hosts punch the peers the user's node
 * met (its sightings), and the results stay in {@link LocalMeasurementStore}.
 */
final class Measurement implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Measurement.class);

    private final MeasurementSettings settings;
    private final AtomicInteger measured = new AtomicInteger();
    private final AtomicReference<String> state = new AtomicReference<>("starting");
    private final Object lock = new Object();
    /** What was opened, closed in reverse. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private MeasurementRounds rounds;
    private boolean participating;
    private boolean closed;

    private Measurement(MeasurementSettings settings, boolean participating) {
        this.settings = settings;
        this.participating = participating;
    }

    /** Starts the rounds on a thread of their own; their hosts share the user's reachability options. */
    static Measurement start(MeasurementSettings settings, Node user, NodeOptions userOptions, Path storeDir,
                             boolean participating, Clock clock) {
        Measurement m = new Measurement(settings, participating);
        Thread t = new Thread(() -> m.run(user, userOptions, storeDir, clock), "wirepunch-measurement-start");
        t.setDaemon(true);
        t.start();
        return m;
    }

    private void run(Node user, NodeOptions userOptions, Path storeDir, Clock clock) {
        RoundSettings round = RoundSettings.defaults().withHosts(settings.hosts())
                .withNodeOptions(NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF)
                        .withAutonat(userOptions.autonat()));
        try {
            Optional<PunchrClient> server = settings.server().map(s -> keep(PunchrClient.connect(s.address(), s.tls(),
                    s.apiKey())));
            Optional<MeasurementRounds.LocalStore> local = Optional.empty();
            if (server.isEmpty()) {
                local = Optional.of(LocalMeasurementStore.open(storeDir));
                keep(local.get().store());
                // The peers the user's node meets are the ones its hosts punch.
                keep(new SightingRecorder(local.get().store(), clock).watch(user.host(), false));
            }
            MeasurementRounds r = keep(new MeasurementRounds(round, server, local, clock));
            r.subscribe(e -> {
                if (e instanceof RoundEvent.Measured) {
                    state.set(count(measured.incrementAndGet()));
                } else if (e instanceof RoundEvent.Idle i) {
                    state.set(count(measured.get()) + "; " + i.reason() + ", asking again in "
                            + i.delay().toSeconds() + " s");
                } else if (e instanceof RoundEvent.Backoff b) {
                    state.set("server or store failed " + b.failures() + " times in a row; retrying in "
                            + b.delay().toSeconds() + " s");
                }
            });
            synchronized (lock) {
                if (closed) {
                    return;
                }
                rounds = r;
                r.setParticipating(participating);
            }
            r.start();
            String hosts = settings.hosts() + (settings.hosts() == 1 ? " host" : " hosts");
            state.compareAndSet("starting", "measuring with " + hosts);
        } catch (Exception e) {
            state.set("could not start: " + Errors.reason(e));
            log.warn("measurement could not start: {}", Errors.reason(e));
            close();
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " hole punch" : " hole punches") + " measured";
    }

    /** Remembers {@code resource} for {@link #close()}; closes it at once when that came first. */
    private <T extends AutoCloseable> T keep(T resource) {
        synchronized (lock) {
            if (!closed) {
                opened.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        throw new IllegalStateException("the measurement was stopped while it started");
    }

    void setParticipating(boolean on) {
        synchronized (lock) {
            participating = on;
            if (rounds != null) {
                rounds.setParticipating(on);
            }
        }
    }

    /** One line: where the results go, and what the rounds do. */
    String line() {
        boolean on;
        synchronized (lock) {
            on = participating;
        }
        String where = settings.server().map(MeasurementSettings.Server::address).orElse("on this machine");
        return where + ": " + (on ? state.get() : "paused");
    }

    @Override
    public void close() {
        Deque<AutoCloseable> toClose;
        synchronized (lock) {
            closed = true;
            toClose = new ArrayDeque<>(opened);
            opened.clear();
        }
        toClose.forEach(Measurement::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", c.getClass().getSimpleName(), Errors.reason(e));
        }
    }
}
