package io.wirepunch.core.cli;

import io.wirepunch.core.measure.honeypot.Honeypot;
import io.wirepunch.core.measure.server.MeasureMetrics;
import io.wirepunch.core.measure.server.MetricsHttpServer;
import io.wirepunch.core.measure.server.PunchrServer;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.measure.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/** The punchr-compatible hole-punch measurement server and its API keys. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Hole-punch measurement as punchr does it: the server (punchr's API), its API keys, the client rounds, the honeypot and the report.",
        subcommands = {MeasureCommand.Server.class, MeasureCommand.Keys.class, MeasureClientCommand.class,
            MeasureHoneypotCommand.class, MeasureReportCommand.class})
final class MeasureCommand {
    /** The data directory's name under the user's data home. */
    static final String DATA_DIR = "measure";

    /** Where the measurements are stored: the embedded database in --data-dir, or --db. */
    static final class StoreOptions {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded database lives"
                + " (default: $XDG_DATA_HOME/wirepunch/measure, or ~/.local/share/wirepunch/measure).")
        Path dataDir;

        @Option(names = "--db", paramLabel = "URL", description = "A PostgreSQL database instead of the embedded one:"
                + " jdbc:postgresql://HOST:PORT/DB?user=U&password=P.")
        String db;

        MeasurementStore open() {
            if (db != null && dataDir != null) {
                throw new CliException("give --db or --data-dir, not both");
            }
            try {
                if (db != null) {
                    if (!db.startsWith("jdbc:postgresql:") && !db.startsWith("jdbc:h2:")) {
                        throw new CliException("--db must be a jdbc:postgresql: URL");
                    }
                    return JdbcMeasurementStore.open(db, null, null);
                }
                return JdbcMeasurementStore.openEmbedded(dataDir != null ? dataDir : defaultDataDir(System.getenv()));
            } catch (StoreException e) {
                throw new CliException(e.getMessage());
            }
        }

        /** {@code $XDG_DATA_HOME/wirepunch/measure}, else {@code ~/.local/share/wirepunch/measure}. */
        static Path defaultDataDir(Map<String, String> env) {
            return RelayOptions.defaultDataDir(env).resolve(DATA_DIR);
        }
    }

    @Command(name = "server", mixinStandardHelpOptions = true, description = {
        "Serve punchr's gRPC API (Register, GetAddrInfo, TrackHolePunch) and Prometheus metrics.",
        "Prints 'grpc listening HOST:PORT' and 'metrics listening HOST:PORT', then runs until SIGTERM or SIGINT.",
        "With --honeypot-listen it also runs the honeypot (see 'measure honeypot') on the same store, which the"
                + " embedded database needs (one process opens it), and prints 'honeypot listen <multiaddr>/p2p/<peer id>'"
                + " per address; --bootstrap and the other DHT options then apply to the honeypot."})
    static final class Server implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "The address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "10000",
                description = "The gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "10001",
                description = "The Prometheus metrics port, same host; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int metricsPort;

        @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve TLS with this PEM certificate (chain).")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
        Path tlsKey;

        @Option(names = "--honeypot-listen", paramLabel = "MULTIADDR",
                description = "Also run the honeypot, listening here; repeatable.")
        List<String> honeypotListen = List.of();

        @Option(names = "--honeypot-key", paramLabel = "FILE",
                description = "The honeypot's key file (default: a new key for this run).")
        Path honeypotKey;

        @Mixin
        DhtNetworkOptions dht;

        @Override
        public Integer call() throws Exception {
            checkPort(port, "--port");
            checkPort(metricsPort, "--metrics-port");
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new CliException("--tls-cert and --tls-key go together");
            }
            if (honeypotListen.isEmpty() && (honeypotKey != null || dht.anyGiven())) {
                throw new CliException("--honeypot-key and the DHT options need --honeypot-listen");
            }
            CountDownLatch stop = new CountDownLatch(1);
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            MeasureMetrics metrics = new MeasureMetrics();
            try (MeasurementStore measurements = store.open()) {
                PunchrServer grpc;
                try {
                    grpc = PunchrServer.start(new PunchrServer.Options(host, port, tlsCert, tlsKey), measurements, metrics);
                } catch (IOException e) {
                    throw new CliException("cannot serve gRPC on " + host + ":" + port + ": " + CommandErrors.sentence(e));
                }
                try (grpc) {
                    MetricsHttpServer http;
                    try {
                        http = MetricsHttpServer.start(host, metricsPort, metrics);
                    } catch (IOException e) {
                        throw new CliException("cannot serve metrics on " + host + ":" + metricsPort + ": " + CommandErrors.sentence(e));
                    }
                    try (http; Honeypot honeypot = honeypotListen.isEmpty() ? null
                            : HoneypotRunner.start(honeypotKey, honeypotListen, dht, measurements)) {
                        System.out.println("grpc listening " + hostPort(grpc.address()));
                        System.out.println("metrics listening " + hostPort(http.address()));
                        if (honeypot != null) {
                            HoneypotRunner.printListen(honeypot, "honeypot ");
                        }
                        System.out.flush();
                        stop.await();
                    }
                }
            }
            return 0;
        }

        private static void checkPort(int port, String option) {
            if (port < 0 || port > 65535) {
                throw new CliException(option + " must be a port from 0 to 65535, not " + port);
            }
        }

        private static String hostPort(InetSocketAddress a) {
            String h = a.getAddress().getHostAddress();
            return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the API keys clients report with.",
            subcommands = {KeysAdd.class})
    static final class Keys {
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Create an API key for NAME and print it: the only time it is shown (only its SHA-256 is stored)."})
    static final class KeysAdd implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME", description = "Who the key is for (1 to " + JdbcMeasurementStore.MAX_KEY_NAME_CHARS
                + " characters).")
        String name;

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > JdbcMeasurementStore.MAX_KEY_NAME_CHARS) {
                throw new CliException("NAME must be 1 to " + JdbcMeasurementStore.MAX_KEY_NAME_CHARS + " characters");
            }
            try (MeasurementStore measurements = store.open()) {
                String key = measurements.addApiKey(name);
                System.out.println(key);
                System.out.flush();
            } catch (StoreException e) {
                throw new CliException(e.getMessage());
            }
            return 0;
        }
    }
}
