package io.wirepunch.core.engine;

import io.wirepunch.core.errors.Errors;
import io.wirepunch.core.measure.client.MeasurementRounds;
import io.wirepunch.core.measure.client.PunchrClient;
import io.wirepunch.core.measure.client.RoundEvent;
import io.wirepunch.core.measure.client.RoundSettings;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurement rounds the engine runs while it participates: punchr's client against the
 * configured server, its hosts started off the caller's thread, paused and resumed with
 * participation, and one line for the diagnostics view.
 */
final class Measurement implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Measurement.class);

    private final MeasurementSettings settings;
    private final AtomicInteger measured = new AtomicInteger();
    private final AtomicReference<String> state = new AtomicReference<>("starting");
    private final Object lock = new Object();
    private PunchrClient client;
    private MeasurementRounds rounds;
    private boolean participating;
    private boolean closed;

    private Measurement(MeasurementSettings settings, boolean participating) {
        this.settings = settings;
        this.participating = participating;
    }

    /** Starts the rounds on a thread of their own; their hosts share the user's reachability options. */
    static Measurement start(MeasurementSettings settings, NodeOptions userOptions, boolean participating, Clock clock) {
        Measurement m = new Measurement(settings, participating);
        Thread t = new Thread(() -> m.run(userOptions, clock), "wirepunch-measurement-start");
        t.setDaemon(true);
        t.start();
        return m;
    }

    private void run(NodeOptions userOptions, Clock clock) {
        RoundSettings round = RoundSettings.defaults().withHosts(settings.hosts())
                .withNodeOptions(NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF).withAutonat(userOptions.autonat()));
        try {
            PunchrClient c = PunchrClient.connect(settings.server(), settings.tls(), settings.apiKey());
            MeasurementRounds r = new MeasurementRounds(round, Optional.of(c), Optional.empty(), clock);
            r.subscribe(e -> {
                if (e instanceof RoundEvent.Measured) {
                    state.set("measured " + measured.incrementAndGet() + " hole punches");
                } else if (e instanceof RoundEvent.Backoff b) {
                    state.set("server or store failed " + b.failures() + " times in a row; retrying in "
                            + b.delay().toSeconds() + " s");
                }
            });
            synchronized (lock) {
                if (closed) {
                    c.close();
                    return;
                }
                client = c;
                rounds = r;
                r.setParticipating(participating);
            }
            r.start();
            state.compareAndSet("starting", "measuring with " + settings.hosts() + " hosts");
        } catch (Exception e) {
            state.set("could not start: " + Errors.reason(e));
            log.warn("measurement against {} could not start: {}", settings.server(), Errors.reason(e));
        }
    }

    void setParticipating(boolean on) {
        synchronized (lock) {
            participating = on;
            if (rounds != null) {
                rounds.setParticipating(on);
            }
        }
    }

    /** One line: against which server, and what the rounds do. */
    String line() {
        boolean on;
        synchronized (lock) {
            on = participating;
        }
        return settings.server() + ": " + (on ? state.get() : "paused");
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (rounds != null) {
                rounds.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }
}
