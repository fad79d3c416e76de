package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirepunch.core.cli.WirepunchCli;
import io.wirepunch.core.measure.store.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement campaign as punchr runs one, every part its own process in the NAT testbed: on the
 * public segment a relay, the measurement server and the honeypot; behind router B peers that
 * join the DHT as clients through the honeypot and keep a reservation on the relay; behind router
 * A the measurement client. The honeypot records the peers as candidates, the server hands them
 * to the client, each peer punches to the client through the relay, and the client reports.
 * Endpoint-independent routers give SUCCESS, endpoint-dependent ones FAILED, and the report read
 * back from the store says so: once with the embedded store (the honeypot runs inside the server,
 * which holds the database file), once with PostgreSQL (server and honeypot apart, as punchr
 * deploys them). Each campaign prints a summary line ({@code measure-testbed ...}).
 */
@Timeout(600)
class MeasureTestbedTest {
    private static final String CLI = WirepunchCli.class.getName();
    private static final String RANGE = Testbed.PUBLIC_RANGE;
    private static final Duration START = Duration.ofSeconds(40);
    /** NAT'ed peers behind router B, one result each: a client's hosts are handed a peer once in ten minutes. */
    private static final int PEERS = 3;
    /** Per round: the relayed connection, up to three DCUtR attempts, the latency pings and the report. */
    private static final Duration ROUND = Duration.ofSeconds(60);
    private static final String GRPC_PORT = "10000";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void needsTestbed() {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
    }

    @Test
    void campaignsOnTheEmbeddedStoreWithTheHoneypotInsideTheServer(@TempDir Path dir) throws Exception {
        for (NatKind kind : List.of(NatKind.EIM, NatKind.EDM)) {
            try (Testbed bed = Testbed.up(kind, kind)) {
                // A store of its own per testbed: the peers of an earlier one stay candidates for ten minutes.
                campaignAndReport(bed, "embedded", List.of("--data-dir", dir.resolve(kind.scriptName()).toString()), false);
            }
        }
    }

    @Test
    void campaignsOnPostgresqlWithServerAndHoneypotApart() throws Exception {
        for (NatKind kind : List.of(NatKind.EIM, NatKind.EDM)) {
            try (Testbed bed = Testbed.up(kind, kind);
                 PostgresServer pg = PostgresServer.startIn(bed.ns(Node.RELAY))) {
                campaignAndReport(bed, "postgresql", List.of("--db", pg.newDatabase()), true);
            }
        }
    }

    /** A campaign in {@code bed} whose routers are both of one kind, its results, and the report the store gives. */
    private static void campaignAndReport(Testbed bed, String storeName, List<String> store, boolean honeypotApart)
            throws Exception {
        String expected = bed.natA() == NatKind.EIM ? "SUCCESS" : "FAILED";
        String label = storeName + " " + bed.natA().scriptName() + "/" + bed.natB().scriptName();
        List<JsonNode> results = campaign(bed, store, honeypotApart);
        assertOutcomes(label, results, expected);
        JsonNode report = report(bed, store);
        System.out.println("measure-testbed " + label + " report: " + report);
        assertThat(report.path("total").asInt()).as("%s", report).isEqualTo(PEERS);
        assertThat(report.path("byOutcome").path(expected).asInt()).as("%s", report).isEqualTo(PEERS);
        assertThat(report.path("byTransport").path("tcp").path(expected).asInt()).as("%s", report).isEqualTo(PEERS);
        // The peers' mappings show in what they offered: one port seen by the relay and the honeypot
        // that also reached the client, or a port per observer.
        if (expected.equals("SUCCESS")) {
            assertThat(report.path("successfulAttempt").path("1").asInt()).as("%s", report).isPositive();
            assertThat(report.path("byNatPairing").path("UNKNOWN/ENDPOINT_INDEPENDENT").path("SUCCESS").asInt())
                    .as("%s", report).isEqualTo(PEERS);
        } else {
            assertThat(report.path("successfulAttempt").size()).as("%s", report).isZero();
            assertThat(report.path("byNatPairing").path("UNKNOWN/ENDPOINT_DEPENDENT").path("FAILED").asInt())
                    .as("%s", report).isEqualTo(PEERS);
        }
    }

    /**
     * One campaign in {@code bed}: an API key, the relay, server and honeypot, {@link #PEERS} peers
     * behind B, then a client behind A with one host measuring a round per peer. Stops the server
     * before it answers the client's result lines, so that the embedded store can be read after.
     */
    private static List<JsonNode> campaign(Testbed bed, List<String> store, boolean honeypotApart) throws Exception {
        String key = run(bed, Node.RELAY, Duration.ofSeconds(60), concat(List.of("measure", "keys", "add", "testbed"), store))
                .stdout().strip();
        assertThat(key).as("the API key line").matches("[A-Za-z0-9_-]{43}");
        String relay = startRelay(bed);
        // On an address of its own: the peers count it as another observer than the relay.
        String honeypotListen = "/ip4/" + Testbed.RELAY_IP_2 + "/tcp/4010";
        List<String> serverArgs = concat(List.of("measure", "server", "--host", Testbed.RELAY_IP, "--port", GRPC_PORT,
                "--metrics-port", "10001"), store);
        if (!honeypotApart) {
            serverArgs = concat(serverArgs, List.of("--honeypot-listen", honeypotListen));
        }
        ProcessLines server = new ProcessLines(bed.startJava(Node.RELAY, CLI, serverArgs.toArray(String[]::new)));
        server.awaitPrefix("grpc listening " + Testbed.RELAY_IP + ":" + GRPC_PORT, START);
        String honeypot;
        if (honeypotApart) {
            ProcessLines apart = new ProcessLines(bed.startJava(Node.RELAY, CLI,
                    concat(List.of("measure", "honeypot", "--listen", honeypotListen), store).toArray(String[]::new)));
            honeypot = apart.awaitPrefix("listen " + honeypotListen + "/p2p/", START).substring("listen ".length());
        } else {
            honeypot = server.awaitPrefix("honeypot listen " + honeypotListen + "/p2p/", START)
                    .substring("honeypot listen ".length());
        }
        for (int i = 0; i < PEERS; i++) {
            ProcessLines peer = new ProcessLines(bed.startJava(Node.B, CLI, "node", "--dht", "client", "--bootstrap", honeypot,
                    "--relay", relay, "--listen", "/ip4/0.0.0.0/tcp/" + (4001 + i), "--public-ranges", RANGE));
            // Reserved on the relay and joined through the honeypot, in either order.
            Set<String> pending = new HashSet<>(List.of("reserved", "joined"));
            while (!pending.isEmpty()) {
                String line = peer.await(l -> l.startsWith("dht joined ")
                        || (l.startsWith("listen ") && l.contains("/p2p-circuit/p2p/")), START);
                pending.remove(line.startsWith("dht joined ") ? "joined" : "reserved");
            }
        }
        ExecResult client = run(bed, Node.A, ROUND.multipliedBy(PEERS).plusSeconds(30), List.of("measure", "client",
                "--server", Testbed.RELAY_IP + ":" + GRPC_PORT, "--key", key, "--hosts", "1", "--rounds", Integer.toString(PEERS),
                "--listen", "/ip4/0.0.0.0/tcp/4100", "--public-ranges", RANGE, "--wait", "20", "--idle-wait", "2"));
        stop(server);
        List<JsonNode> results = new ArrayList<>();
        for (String line : client.stdout().lines().toList()) {
            results.add(JSON.readTree(line));
        }
        assertThat(client.stderr()).as("nothing was retried").doesNotContain("retrying");
        return results;
    }

    private static void assertOutcomes(String label, List<JsonNode> results, String expected) {
        Map<String, Integer> byPeer = new TreeMap<>();
        results.forEach(r -> byPeer.merge(r.path("remote").asText(), 1, Integer::sum));
        System.out.println("measure-testbed " + label + ": outcomes " + outcomesOf(results) + ", attempts "
                + results.stream().map(r -> r.path("attempts").size()).toList() + ", errors "
                + results.stream().map(r -> r.path("error").asText(null)).toList() + ", offered "
                + results.stream().map(r -> r.path("attempts").path(0).path("remoteAddrs").toString()).toList()
                + ", client's own " + results.stream().map(r -> r.path("localAddrs").toString()).toList());
        assertThat(results).as("one result per peer").hasSize(PEERS);
        assertThat(byPeer).as("each peer punched once").hasSize(PEERS);
        for (JsonNode r : results) {
            assertThat(r.path("outcome").asText()).as("%s", r).isEqualTo(expected);
            assertThat(r.path("reported").asBoolean()).as("the server took %s", r).isTrue();
            assertThat(r.path("role").asText()).as("the peer behind B starts DCUtR: %s", r).isEqualTo("RESPONDER");
            assertThat(r.path("relay").asText()).as("%s", r).startsWith("12D3KooW");
            assertThat(r.path("latencies").toString()).as("%s", r).contains("\"type\":\"TO_RELAY\",\"addr\":\"/ip4/"
                    + Testbed.RELAY_IP + "/tcp/4001\"").contains("TO_REMOTE_THROUGH_RELAY");
            if (expected.equals("SUCCESS")) {
                assertThat(r.path("directAddr").asText()).as("%s", r).contains(Testbed.ROUTER_B_WAN);
                assertThat(r.path("hasDirectConns").asBoolean()).as("%s", r).isTrue();
            } else {
                assertThat(r.path("attempts").size()).as("%s", r).isPositive();
                assertThat(r.path("error").asText("")).as("%s", r).isNotBlank();
            }
        }
    }

    private static JsonNode report(Testbed bed, List<String> store) throws IOException {
        ExecResult r = run(bed, Node.RELAY, Duration.ofSeconds(60),
                concat(List.of("measure", "report", "--json", "--since", "1h"), store));
        return JSON.readTree(r.stdout());
    }

    /** Our relay on the public segment; answers its address. */
    private static String startRelay(Testbed bed) throws Exception {
        ProcessLines relay = new ProcessLines(bed.startJava(Node.RELAY, CLI, "node", "--listen",
                "/ip4/" + Testbed.RELAY_IP + "/tcp/4001", "--relay-service", "--public-ranges", RANGE));
        return relay.await(l -> l.startsWith("listen /ip4/" + Testbed.RELAY_IP + "/tcp/4001/p2p/"), START)
                .substring("listen ".length());
    }

    /** SIGTERM, so the server closes its store cleanly. */
    private static void stop(ProcessLines p) throws InterruptedException {
        p.process().destroy();
        assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        assertThat(p.process().exitValue()).as("%s", p).isZero();
    }

    /** Runs a CLI command to its end in {@code n}; fails the test unless it exits 0. */
    private static ExecResult run(Testbed bed, Node n, Duration timeout, List<String> args) throws IOException {
        ExecResult r = bed.execJava(timeout, n, CLI, args.toArray(String[]::new));
        assertThat(r.ok()).as("%s: %s", args, r).isTrue();
        return r;
    }

    private static List<String> outcomesOf(List<JsonNode> results) {
        return results.stream().map(r -> r.path("outcome").asText()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
