package io.wirepunch.core.cli;

import static io.wirepunch.core.cli.CliProcesses.assertOneSentenceOnStderr;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.wirepunch.core.bench.PunchrLoad;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.measure.server.SelfSignedCert;
import io.wirepunch.core.measure.pb.PunchrServiceGrpc;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code measure keys add}, {@code server}, {@code report} and {@code honeypot}, judged from outside by their output, exit status and calls. */
@Timeout(180)
class MeasureCliContractTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern GRPC = Pattern.compile("grpc listening 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics listening 127\\.0\\.0\\.1:(\\d+)");

    private CliProcesses cli;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliProcesses("wirepunch-measure-contract");
        data = cli.directory().resolve("measure-data");
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    /** A running server on free ports, started with {@code extra} options after its lines were read. */
    private record Server(CliProcesses.Child child, int grpcPort, int metricsPort) {}

    private Server startServer(String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("measure", "server", "--data-dir", data.toString(),
                "--port", "0", "--metrics-port", "0"));
        args.addAll(List.of(extra));
        CliProcesses.Child child = cli.start(args.toArray(String[]::new));
        Matcher grpc = GRPC.matcher(child.nextLine(STARTUP));
        assertThat(grpc.matches()).as("grpc line").isTrue();
        Matcher metrics = METRICS.matcher(child.nextLine(STARTUP));
        assertThat(metrics.matches()).as("metrics line").isTrue();
        return new Server(child, Integer.parseInt(grpc.group(1)), Integer.parseInt(metrics.group(1)));
    }

    @Test
    void keysAddPrintsTheNewKeyAloneAndStoresOnlyItsHash() throws Exception {
        CliProcesses.Result r = cli.run("measure", "keys", "add", "alice", "--data-dir", data.toString());
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).singleElement().asString().matches(KEY);
        assertThat(r.stderr()).isEmpty();
        String key = r.stdout().get(0);
        assertThat(Files.exists(data.resolve(JdbcMeasurementStore.EMBEDDED_NAME + ".mv.db"))).isTrue();
        try (JdbcMeasurementStore store = JdbcMeasurementStore.openEmbedded(data)) {
            assertThat(store.authorize(key)).isPresent();
        }
        assertThat(Files.readAllBytes(data.resolve(JdbcMeasurementStore.EMBEDDED_NAME + ".mv.db")))
                .asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain(key);
    }

    @Test
    void keysAddUsesTheXdgDataHomeByDefault() throws Exception {
        Path xdg = cli.directory().resolve("xdg");
        cli.env.put("XDG_DATA_HOME", xdg.toString());
        CliProcesses.Result r = cli.run("measure", "keys", "add", "bob");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(Files.exists(xdg.resolve("wirepunch/measure/measure.mv.db"))).isTrue();
    }

    @Test
    void badInputIsOneSentenceAndExitOne() throws Exception {
        CliProcesses.Result longName = cli.run("measure", "keys", "add", "n".repeat(JdbcMeasurementStore.MAX_KEY_NAME_CHARS + 1),
                "--data-dir", data.toString());
        assertOneSentenceOnStderr(longName, "measure keys add");
        assertThat(longName.exit()).isEqualTo(1);
        CliProcesses.Result badDb = cli.run("measure", "keys", "add", "x", "--db", "jdbc:mysql://127.0.0.1/x");
        assertOneSentenceOnStderr(badDb, "measure keys add");
        CliProcesses.Result noDb = cli.run("measure", "keys", "add", "x", "--db", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=p");
        assertOneSentenceOnStderr(noDb, "measure keys add");
        assertThat(noDb.exit()).isEqualTo(1);
        CliProcesses.Result halfTls = cli.run("measure", "server", "--data-dir", data.toString(), "--port", "0",
                "--metrics-port", "0", "--tls-cert", cli.directory().resolve("cert.pem").toString());
        assertOneSentenceOnStderr(halfTls, "measure server");
        Path garbage = Files.writeString(cli.directory().resolve("garbage.pem"), "not pem\n");
        CliProcesses.Result badTls = cli.run("measure", "server", "--data-dir", data.toString(), "--port", "0",
                "--metrics-port", "0", "--tls-cert", garbage.toString(), "--tls-key", garbage.toString());
        assertOneSentenceOnStderr(badTls, "measure server");
    }

    @Test
    void theServerPrintsWhereItListensServesCallsAndMetricsAndExitsZeroOnSigterm() throws Exception {
        CliProcesses.Result added = cli.run("measure", "keys", "add", "carol", "--data-dir", data.toString());
        assertThat(added.exit()).as("stderr: %s", added.stderr()).isZero();
        String key = added.stdout().get(0);
        Server started = startServer();
        CliProcesses.Child server = started.child();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", started.grpcPort()).usePlaintext().build();
        try {
            PunchrProtos.RegisterResponse r = PunchrServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .register(PunchrProtos.RegisterRequest.newBuilder().setApiKey(key)
                            .setClientId(com.google.protobuf.ByteString.copyFrom(Keys.generateEd25519().publicKey().peerId().toBytes()))
                            .setAgentVersion("punchr/go-client/0.7.0").build());
            assertThat(r.getDbPeerId()).isPositive();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + started.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("punchr_requests_total{method=\"Register\",code=\"OK\"} 1");
        server.signal("TERM");
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
        assertThat(server.allStdout()).hasSize(2);
        assertThat(server.stderrText()).doesNotContain(key);
    }

    @Test
    void reportSumsUpWhatTheServerStoredUnderLoad() throws Exception {
        String key = cli.run("measure", "keys", "add", "load", "--data-dir", data.toString()).stdout().get(0);
        Server started = startServer();
        CliProcesses.Child server = started.child();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", started.grpcPort()).usePlaintext().build();
        PunchrLoad.Result load;
        try {
            load = PunchrLoad.run(channel, key, Keys.generateEd25519().publicKey().peerId(), 4, Duration.ofSeconds(1));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.signal("TERM");
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
        assertThat(load.ok()).isPositive();

        CliProcesses.Result report = cli.run("measure", "report", "--json", "--data-dir", data.toString());
        assertThat(report.exit()).as("stderr: %s", report.stderr()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.join("\n", report.stdout()));
        assertThat(json.path("total").asLong()).isEqualTo(load.ok());
        assertThat(json.path("byOutcome").path("SUCCESS").asLong() + json.path("byOutcome").path("FAILED").asLong())
                .isEqualTo(load.ok());
        CliProcesses.Result text = cli.run("measure", "report", "--data-dir", data.toString());
        assertThat(text.stdout().get(0)).contains("Hole punches since").contains(": " + load.ok() + ",");

        CliProcesses.Result zero = cli.run("measure", "report", "--since", "0s", "--data-dir", data.toString());
        assertOneSentenceOnStderr(zero, "measure report");
        assertThat(zero.exit()).isEqualTo(1);
    }

    @Test
    void theHoneypotPrintsWhereItListensAndExitsZeroOnSigterm() throws Exception {
        CliProcesses.Child honeypot = cli.start("measure", "honeypot", "--data-dir", data.toString(),
                "--listen", "/ip4/127.0.0.1/tcp/0");
        assertThat(honeypot.nextLine(STARTUP)).startsWith("listen /ip4/127.0.0.1/tcp/").contains("/p2p/12D3KooW");
        honeypot.signal("TERM");
        assertThat(honeypot.awaitExit(Duration.ofSeconds(30))).isZero();
    }

    @Test
    void theServerRunsTheHoneypotOnItsOwnStoreWhenAsked() throws Exception {
        CliProcesses.Child server = startServer("--honeypot-listen", "/ip4/127.0.0.1/tcp/0").child();
        assertThat(server.nextLine(STARTUP)).startsWith("honeypot listen /ip4/127.0.0.1/tcp/").contains("/p2p/12D3KooW");
        // A second process cannot open the embedded store; it is told how to run both in one.
        CliProcesses.Result separate = cli.run("measure", "honeypot", "--data-dir", data.toString(),
                "--listen", "/ip4/127.0.0.1/tcp/0");
        assertOneSentenceOnStderr(separate, "measure honeypot");
        assertThat(separate.stderr()).contains("--honeypot-listen");
        server.signal("TERM");
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
    }

    @Test
    void honeypotAndWaitOptionsAreChecked() throws Exception {
        CliProcesses.Result dhtAlone = cli.run("measure", "server", "--data-dir", data.toString(), "--port", "0",
                "--metrics-port", "0", "--bootstrap", "/ip4/127.0.0.1/tcp/1/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN");
        assertOneSentenceOnStderr(dhtAlone, "measure server");
        assertThat(dhtAlone.stderr()).contains("--honeypot-listen");
        for (String bad : new String[] {"0", "3601"}) {
            CliProcesses.Result idle = cli.run("measure", "client", "--server", "127.0.0.1:1", "--key", "k",
                    "--idle-wait", bad);
            assertOneSentenceOnStderr(idle, "measure client");
            assertThat(idle.stderr()).contains("--idle-wait");
        }
    }

    @Test
    void theClientTalksTlsToAServerWithAPrivateCertificateWhenToldToTrustIt() throws Exception {
        SelfSignedCert cert = SelfSignedCert.write(Files.createDirectories(cli.directory().resolve("tls")));
        String key = cli.run("measure", "keys", "add", "tls", "--data-dir", data.toString()).stdout().get(0);
        Server started = startServer("--tls-cert", cert.cert().toString(), "--tls-key", cert.key().toString());
        CliProcesses.Child server = started.child();
        String target = "127.0.0.1:" + started.grpcPort();
        URI page = URI.create("http://127.0.0.1:" + started.metricsPort() + "/metrics");

        // Trusting the server's certificate, the client registers and asks for a peer (there is none yet).
        CliProcesses.Child trusting = cli.start("measure", "client", "--server", target, "--key", key,
                "--tls-ca", cert.cert().toString(), "--hosts", "1", "--idle-wait", "1", "--listen", "/ip4/127.0.0.1/tcp/0");
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(STARTUP).until(() -> http.send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("punchr_requests_total{method=\"GetAddrInfo\",code=\"NOT_FOUND\"}"));
        assertThat(http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("punchr_requests_total{method=\"Register\",code=\"OK\"} 1");
        trusting.signal("TERM");
        trusting.awaitExit(Duration.ofSeconds(30));
        assertThat(trusting.stderrText()).doesNotContain("failed");

        // With the system's CAs only, or in plaintext, it gets no answer, says so and keeps retrying.
        for (String[] transport : new String[][] {{"--tls"}, {}}) {
            List<String> args = new java.util.ArrayList<>(List.of("measure", "client", "--server", target, "--key", key,
                    "--hosts", "1", "--listen", "/ip4/127.0.0.1/tcp/0"));
            args.addAll(List.of(transport));
            CliProcesses.Child refused = cli.start(args.toArray(String[]::new));
            await().atMost(STARTUP).until(() -> refused.stderrText().contains("retrying in"));
            assertThat(refused.stderrText()).as("%s", List.of(transport)).contains("Register failed: UNAVAILABLE")
                    .doesNotContain(key);
            refused.signal("TERM");
            refused.awaitExit(Duration.ofSeconds(30));
        }

        Path notPem = Files.writeString(cli.directory().resolve("not.pem"), "no certificate here\n");
        CliProcesses.Result badCa = cli.run("measure", "client", "--server", target, "--key", key, "--tls-ca", notPem.toString());
        assertOneSentenceOnStderr(badCa, "measure client");
        assertThat(badCa.stderr()).contains("--tls-ca");
        server.signal("TERM");
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
    }
}
