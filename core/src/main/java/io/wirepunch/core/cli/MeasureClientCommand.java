package io.wirepunch.core.cli;

import io.wirepunch.core.measure.client.MeasurementRounds;
import io.wirepunch.core.measure.client.PunchrClient;
import io.wirepunch.core.measure.client.RoundEvent;
import io.wirepunch.core.measure.client.RoundJson;
import io.wirepunch.core.measure.client.RoundSettings;
import io.wirepunch.core.protocol.relay.AutoRelay;
import io.wirepunch.core.node.NodeOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * punchr's measurement client against a punchr-compatible server: a few hosts ask the server for
 * peers behind NATs, let them hole punch through their relays, and report each result; one JSON
 * line per result.
 */
@Command(name = "client", mixinStandardHelpOptions = true, description = {
    "Measure hole punching as punchr's client does: each host asks the server for a peer behind a NAT, connects"
            + " to it through its relay, lets it punch (DCUtR), measures latencies and reports the result.",
    "Prints one JSON line per result; runs until --rounds per host are reported, or until interrupted."})
public final class MeasureClientCommand implements Callable<Integer> {
    /** The longest --wait or --idle-wait. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The measurement server (gRPC).")
    String server;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The API key the server gave out.")
    String apiKey;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "" + RoundSettings.DEFAULT_HOSTS,
            description = "Hosts measuring side by side, each on its own port (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "0",
            description = "Results each host reports before it stops; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--tls", description = "Talk to the server over TLS, trusting the system's CAs (default: plaintext).")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "Talk to the server over TLS, trusting only the"
            + " PEM certificates in FILE (the server's own, or its CA's).")
    Path tlsCa;

    @Option(names = "--listen", paramLabel = "MULTIADDR", defaultValue = CliSupport.DEFAULT_LISTEN,
            description = "Where each host listens: with port 0 each gets a port of its own, otherwise host i takes"
                    + " that port plus i (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the peer to start DCUtR before NO_STREAM (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--idle-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a host waits before asking again when the server has no peer for it"
                    + " (default: ${DEFAULT-VALUE}).")
    long idleWaitSeconds;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || hosts > RoundSettings.MAX_HOSTS) {
            throw new CliException("--hosts must be between 1 and " + RoundSettings.MAX_HOSTS + ", not " + hosts);
        }
        if (rounds < 0) {
            throw new CliException("--rounds must not be negative");
        }
        checkSeconds("--wait", waitSeconds);
        checkSeconds("--idle-wait", idleWaitSeconds);
        RoundSettings settings = RoundSettings.defaults().withHosts(hosts).withRounds(rounds)
                .withListen(CliSupport.parseMultiaddr(listen)).withStreamWait(Duration.ofSeconds(waitSeconds))
                .withIdleWait(Duration.ofSeconds(idleWaitSeconds))
                .withNodeOptions(NodeOptions.defaults().withAutoRelay(AutoRelay.Mode.OFF)
                        .withAutonat(reachability.autonat()));
        try (PunchrClient client = connect();
             MeasurementRounds measurement = new MeasurementRounds(settings, Optional.of(client), Optional.empty(),
                     Clock.systemUTC())) {
            measurement.subscribe(e -> {
                if (e instanceof RoundEvent.Measured m) {
                    synchronized (System.out) {
                        System.out.println(RoundJson.line(m));
                        System.out.flush();
                    }
                } else if (e instanceof RoundEvent.Backoff b) {
                    System.err.println("server or store failed (" + b.failures() + " in a row), retrying in "
                            + b.delay().toSeconds() + " s: " + b.error());
                }
            });
            measurement.start();
            while (!measurement.awaitDone(Duration.ofHours(1))) {
                // with --rounds 0 the loops never end: the process runs until it is interrupted
            }
            return 0;
        }
    }

    private PunchrClient connect() {
        if (tlsCa == null) {
            return PunchrClient.connect(server, tls, apiKey);
        }
        try {
            return PunchrClient.connectTrusting(server, tlsCa, apiKey);
        } catch (IllegalArgumentException e) {
            throw new CliException("--tls-ca: " + e.getMessage());
        }
    }

    private static void checkSeconds(String option, long seconds) {
        if (seconds < 1 || seconds > MAX_WAIT.toSeconds()) {
            throw new CliException(option + " must be between 1 and " + MAX_WAIT.toSeconds() + " seconds, not " + seconds);
        }
    }
}
