package io.wirepunch.core.cli;

import static io.wirepunch.core.cli.CliProcesses.assertOneSentenceOnStderr;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.cli.CliProcesses.Child;
import io.wirepunch.core.cli.CliProcesses.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The relay and netcheck contract, checked from outside: a relay node R, a node A that keeps a
 * reservation on R and prints its circuit address, a ping through R, refused configurations, and
 * netcheck against R on loopback declared public.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class RelayCliContractTest {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final String LOOPBACK_RANGE = "127.0.0.0/8";
    private static final Pattern LISTEN = Pattern.compile("listen (/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/(\\w+))");
    private static final Pattern PONG = Pattern.compile("pong (\\w+) rtt=\\d+(\\.\\d+)?ms");

    private CliProcesses cli;
    private Child relay;
    private String relayAddr;
    private String relayId;

    @BeforeAll
    void startRelay() throws Exception {
        cli = new CliProcesses("wirepunch-relay-contract");
        relay = cli.start("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay-service",
                "--data-dir", cli.directory().resolve("relay-data").toString(), "--public-ranges", LOOPBACK_RANGE);
        Matcher m = LISTEN.matcher(relay.nextLine(STARTUP));
        assertThat(m.matches()).as("relay listen line").isTrue();
        relayAddr = m.group(1);
        relayId = m.group(2);
    }

    @AfterEach
    void destroyOthers() {
        cli.destroyAllBut(java.util.List.of(relay));
    }

    @AfterAll
    void stopAll() throws Exception {
        cli.close();
    }

    @Test
    void aNodeWithRelayPrintsItsCircuitAddressAndAPingThroughTheRelayArrives() throws Exception {
        Child a = cli.start("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay", relayAddr);
        Matcher direct = LISTEN.matcher(a.nextLine(STARTUP));
        assertThat(direct.matches()).isTrue();
        String aId = direct.group(2);
        String circuit = relayAddr + "/p2p-circuit/p2p/" + aId;
        assertThat(a.nextLine(STARTUP)).isEqualTo("listen " + circuit);

        Result ping = cli.run("ping", circuit, "--count", "2");
        assertThat(ping.exit()).as("ping through the relay; stderr: %s", ping.stderr()).isZero();
        assertThat(ping.stdout()).hasSize(2).allSatisfy(line -> {
            Matcher pong = PONG.matcher(line);
            assertThat(pong.matches()).as("'%s'", line).isTrue();
            assertThat(pong.group(1)).isEqualTo(aId);
        });
        assertThat(ping.stderr()).isEmpty();
    }

    @Test
    void autoRelayAlwaysReservesOnAConnectedRelayAndPrintsTheSameLine() throws Exception {
        // The bootstrap connection is enough: identify tells the node the peer relays.
        Child a = cli.start("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--bootstrap", relayAddr, "--dht", "client",
                "--auto-relay", "always");
        Matcher direct = LISTEN.matcher(a.nextLine(STARTUP));
        assertThat(direct.matches()).isTrue();
        assertThat(a.nextLine(STARTUP)).isEqualTo("listen " + relayAddr + "/p2p-circuit/p2p/" + direct.group(2));
    }

    /** The global byte count in a relay's stats.json, or -1 while the file is not there yet. */
    private static long statsBytes(Path dataDir) throws Exception {
        Path stats = dataDir.resolve("stats.json");
        if (!Files.exists(stats)) {
            return -1;
        }
        Matcher m = Pattern.compile("\"network_bytes\"\\s*:\\s*(\\d+)").matcher(Files.readString(stats));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void aRelayKilledWithSigkillKeepsItsCountsInStatsJsonAndGoesOnFromThemAfterARestart() throws Exception {
        Path dataDir = cli.directory().resolve("killed-relay-data");
        Path config = cli.directory().resolve("killed-relay.json");
        Files.writeString(config, "{\"network_usage\": {\"write_interval\": \"200ms\"}}");
        String[] relayArgs = {"node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay-service",
            "--relay-config", config.toString(), "--data-dir", dataDir.toString()};
        Child killed = cli.start(relayArgs);
        Matcher r = LISTEN.matcher(killed.nextLine(STARTUP));
        assertThat(r.matches()).isTrue();
        Child a = cli.start("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay", r.group(1));
        Matcher direct = LISTEN.matcher(a.nextLine(STARTUP));
        assertThat(direct.matches()).isTrue();
        String circuit = r.group(1) + "/p2p-circuit/p2p/" + direct.group(2);
        assertThat(a.nextLine(STARTUP)).isEqualTo("listen " + circuit);
        assertThat(cli.run("ping", circuit, "--count", "3").exit()).isZero();

        // The circuit's bytes reach the file within a write interval or two.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> statsBytes(dataDir) > 0);
        long counted = statsBytes(dataDir);
        killed.process.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
        assertThat(killed.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(statsBytes(dataDir)).isGreaterThanOrEqualTo(counted);

        // Restarted on the same data directory, it counts on from the stored figure rather than from zero:
        // when it stops it writes the file again, and the figure is still there.
        String beforeRestart = Files.readString(dataDir.resolve("stats.json"));
        Child restarted = cli.start(relayArgs);
        assertThat(LISTEN.matcher(restarted.nextLine(STARTUP)).matches()).isTrue();
        restarted.process.destroy(); // SIGTERM: a clean stop writes stats.json
        assertThat(restarted.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dataDir.resolve("stats.json"))).isNotEqualTo(beforeRestart);
        assertThat(statsBytes(dataDir)).isGreaterThanOrEqualTo(counted);
    }

    @Test
    void anUnknownAutoRelayModeIsRefused() throws Exception {
        Result r = cli.run("node", "--auto-relay", "sometimes");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("'sometimes' is not one of off, auto, always");
    }

    @Test
    void aMalformedRelayConfigIsRefusedAtStartNamingTheKey() throws Exception {
        Path config = cli.directory().resolve("bad-relay.json");
        Files.writeString(config, "{\"network_usage\": {\"global_limit\": \"2XB\"}}");
        Result r = cli.run("node", "--listen", "/ip4/127.0.0.1/tcp/0", "--relay-service", "--relay-config", config.toString(),
                "--data-dir", cli.directory().resolve("bad-data").toString());
        assertOneSentenceOnStderr(r, "node");
        assertThat(r.stderr()).contains("network_usage.global_limit");
    }

    @Test
    void relayConfigWithoutRelayServiceAndBadRangesAreRefused() throws Exception {
        Result r = cli.run("node", "--relay-config", "x.json");
        assertOneSentenceOnStderr(r, "node");
        assertThat(r.stderr()).contains("--relay-service");
        Result ranges = cli.run("netcheck", "--peer", relayAddr, "--public-ranges", "127.0.0.0/33");
        assertOneSentenceOnStderr(ranges, "netcheck");
        assertThat(ranges.stderr()).contains("--public-ranges").contains("127.0.0.0/33");
    }

    @Test
    void netcheckPrintsReachabilityObservedAddressesMappingAndTheRelaysRtt() throws Exception {
        Result r = cli.run("netcheck", "--peer", relayAddr, "--listen", "/ip4/127.0.0.1/tcp/0",
                "--public-ranges", LOOPBACK_RANGE, "--timeout", "20");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout().get(0)).matches("reachability public \\(confidence \\d+\\)");
        assertThat(r.stdout()).anyMatch(l -> l.matches("observed /ip4/127\\.0\\.0\\.1/tcp/\\d+ \\(\\d+ observers\\)"));
        assertThat(r.stdout()).anyMatch(l -> l.matches("mapping (endpoint-independent|endpoint-dependent|unknown)"));
        assertThat(r.stdout().get(r.stdout().size() - 1)).matches("relay " + relayId + " rtt \\d+\\.\\d{3} ms");
        assertThat(r.stdout()).anyMatch(l -> l.matches("upnp (mapped|unavailable)[ :].*"));
        assertThat(r.stdout()).allMatch(l -> l.matches("(reachability|observed|mapping|upnp|relay) .*"));
    }
}
