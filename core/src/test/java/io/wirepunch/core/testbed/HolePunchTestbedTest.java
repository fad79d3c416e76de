package io.wirepunch.core.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirepunch.core.cli.WirepunchCli;
import io.wirepunch.core.interop.JsPeer;
import io.wirepunch.core.interop.JsonMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DCUtR hole punching between CLI processes behind the testbed's NAT routers: two EIM routers let
 * nearly every punch through, fast; two EDM routers let none through but the relayed connection
 * keeps working; a mixed pair gives complete outcome records; a UPnP router's forward makes the
 * peer reachable; and a js-libp2p peer takes part in the exchange. Each case prints a one-line
 * summary ({@code holepunch-testbed ...}). Skipped where the testbed cannot run.
 */
@Timeout(150)
class HolePunchTestbedTest {
    private static final String CLI = WirepunchCli.class.getName();
    private static final String RANGE = Testbed.PUBLIC_RANGE;
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration PUNCH_RUN = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OUTCOMES = Set.of("UNKNOWN", "NO_CONNECTION", "NO_STREAM",
            "CONNECTION_REVERSED", "CANCELLED", "FAILED", "SUCCESS");
    private static final Set<String> ATTEMPT_OUTCOMES = Arrays.stream(io.wirepunch.core.holepunch.AttemptOutcome.values())
            .map(Enum::name).collect(Collectors.toSet());

    @BeforeAll
    static void needsTestbed() {
        assumeTrue(Testbed.available(), "the namespace testbed needs root, iproute2, nft or iptables and miniupnpd");
    }

    @Test
    void eimOnBothSidesPunchesNearlyAlwaysAndFast() throws Exception {
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EIM)) {
            String relay = startRelay(bed, Node.RELAY);
            String circuit = startPeer(bed, Node.B, relay);
            int runs = 20;
            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(punch(bed, circuit, 4100 + i));
            }
            List<JsonNode> ok = results.stream().filter(r -> "SUCCESS".equals(r.path("outcome").asText())).toList();
            List<Double> toDirect = sorted(ok.stream().map(r -> r.path("timeToDirectMs").asDouble()).toList());
            List<Double> rtt = sorted(ok.stream().map(r -> r.path("directPingMs").asDouble()).filter(v -> v >= 0).toList());
            String others = results.stream().map(r -> r.path("outcome").asText())
                    .filter(o -> !o.equals("SUCCESS")).collect(Collectors.joining(","));
            System.out.printf(Locale.ROOT, "holepunch-testbed eim/eim: %d/%d SUCCESS%s, timeToDirectMs median %.1f p90 %.1f,"
                    + " direct RTT median %.2f ms%n", ok.size(), runs, others.isEmpty() ? "" : " (others: " + others + ")",
                    percentile(toDirect, 50), percentile(toDirect, 90), percentile(rtt, 50));
            for (JsonNode r : results) {
                assertComplete(r);
            }
            assertThat(ok.size()).as("successful punches of %d: %s; first other: %s", runs, outcomes(results),
                    results.stream().filter(r -> !"SUCCESS".equals(r.path("outcome").asText())).findFirst().orElse(null)).isGreaterThanOrEqualTo(runs - 1);
            assertThat(rtt).as("direct pings").isNotEmpty();
            assertThat(percentile(toDirect, 50)).as("median time to direct vs 3 x direct RTT + 200 ms")
                    .isLessThanOrEqualTo(3 * percentile(rtt, 50) + 200);
            for (JsonNode r : ok) {
                assertThat(r.path("directAddr").asText()).as("%s", r).contains(Testbed.ROUTER_B_WAN);
            }
        }
    }

    @Test
    void edmOnBothSidesFailsButTheRelayedConnectionStillCarriesAMebibyte(@TempDir Path dir) throws Exception {
        try (Testbed bed = Testbed.up(NatKind.EDM, NatKind.EDM)) {
            Path config = dir.resolve("relay.json");
            Files.writeString(config, "{\"circuits\": {\"max_bytes\": \"16MB\", \"max_duration\": \"2m\"}}",
                    StandardCharsets.UTF_8);
            String relay = startRelay(bed, Node.RELAY, "--relay-config", config.toString(),
                    "--data-dir", dir.resolve("data").toString());
            String circuit = startPeer(bed, Node.B, relay);
            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(punch(bed, circuit, 4100 + i));
            }
            ExecResult perf = bed.execJava(Duration.ofSeconds(60), Node.A, CLI, "perf", circuit,
                    "--upload", Integer.toString(1 << 20), "--download", Integer.toString(1 << 20));
            System.out.println("holepunch-testbed edm/edm: outcomes " + outcomes(results) + ", errors "
                    + results.stream().map(r -> r.path("error").asText()).toList() + "; 1 MiB each way over the circuit: "
                    + perf.stdout().strip());
            for (JsonNode r : results) {
                assertComplete(r);
                assertThat(r.path("outcome").asText()).as("%s", r).isEqualTo("FAILED");
            }
            assertThat(perf.ok()).as("perf through the relay: %s", perf).isTrue();
            assertThat(perf.stdout()).startsWith("perf ");
        }
    }

    @Test
    void eimAgainstEdmGivesCompleteRecords() throws Exception {
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EDM)) {
            String relay = startRelay(bed, Node.RELAY);
            String circuit = startPeer(bed, Node.B, relay);
            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(punch(bed, circuit, 4100 + i));
            }
            System.out.println("holepunch-testbed eim(A)/edm(B): outcomes " + outcomes(results) + ", attempts "
                    + results.stream().map(r -> attemptOutcomes(r)).toList() + ", errors "
                    + results.stream().map(r -> r.path("error").asText(null)).toList());
            for (JsonNode r : results) {
                assertComplete(r);
            }
        }
    }

    @Test
    void upnpMappedPeerIsDialledDirectlyAndPunchedThroughItsRelayAndReachedWithoutPunching() throws Exception {
        try (Testbed bed = Testbed.up(NatKind.UPNP, NatKind.EIM)) {
            String relay = startRelay(bed, Node.RELAY);
            ProcessLines a = startNode(bed, Node.A, "--upnp", "--relay", relay, "--listen", "/ip4/0.0.0.0/tcp/4001",
                    "--public-ranges", RANGE);
            String mapped = a.awaitPrefix("upnp ", START);
            assertThat(mapped).as("%s", a).startsWith("upnp mapped /ip4/" + Testbed.ROUTER_A_WAN + "/tcp/");
            String circuit = circuitOf(a);
            String aId = circuit.substring(circuit.lastIndexOf("/p2p/") + "/p2p/".length());
            String mappedAddr = mapped.substring("upnp mapped ".length());

            // The mapped address is A's own: B dials it directly, no relay and no punching.
            ExecResult ping = bed.execJava(Duration.ofSeconds(30), Node.B, CLI, "ping", mappedAddr + "/p2p/" + aId,
                    "--count", "2", "--public-ranges", RANGE);
            // And through the relay: A (which got the relayed connection) starts DCUtR with the mapped
            // address among its own.
            JsonNode r = punch(bed, Node.B, circuit, 4100);
            String aLine = a.awaitPrefix("holepunch ", Duration.ofSeconds(20));
            JsonNode aRecord = JSON.readTree(aLine.substring("holepunch ".length()));
            System.out.println("holepunch-testbed upnp(A)/eim(B): " + mapped + "; direct ping from B: "
                    + (ping.ok() ? ping.stdout().lines().findFirst().orElse("") : "failed " + ping)
                    + "; punch B -> A through the relay: " + brief(r) + " timeToDirectMs " + r.path("timeToDirectMs").asText()
                    + ", A's side: " + brief(aRecord) + " localAddrs " + aRecord.path("localAddrs"));
            assertThat(ping.ok()).as("direct ping to the mapped address: %s", ping).isTrue();
            assertThat(ping.stdout()).contains("pong " + aId);
            assertComplete(r);
            assertComplete(aRecord);
            assertThat(r.path("outcome").asText()).as("%s", r).isEqualTo("SUCCESS");
            assertThat(aRecord.path("role").asText()).isEqualTo("INITIATOR");
            assertThat(aRecord.path("localAddrs").toString()).as("A offers its mapped address")
                    .contains(mappedAddr.substring(0, mappedAddr.indexOf("/tcp/")));

            // The other way round: B holds the reservation, A punches with --upnp. B's one-sided dial
            // to A's mapped address makes the direct connection before any DCUtR stream.
            String bCircuit = startPeer(bed, Node.B, relay);
            JsonNode reversed = punch(bed, Node.A, bCircuit, 4200, "--upnp");
            System.out.println("holepunch-testbed upnp(A)/eim(B): punch --upnp A -> B: " + brief(reversed)
                    + " upnp " + reversed.path("upnp").asText() + " directAddr " + reversed.path("directAddr").asText());
            assertComplete(reversed);
            assertThat(reversed.path("upnp").asText()).as("%s", reversed).startsWith("/ip4/" + Testbed.ROUTER_A_WAN + "/tcp/");
            assertThat(reversed.path("outcome").asText()).as("%s", reversed).isEqualTo("CONNECTION_REVERSED");
            assertThat(reversed.path("attempts")).as("no DCUtR attempt").isEmpty();
            assertThat(reversed.path("directPingMs").asDouble()).as("%s", reversed).isPositive();
        }
    }

    @Test
    void dcutrAcrossImplementationsWithJsLibp2p() throws Exception {
        assumeTrue(jsPeerPresent(), "the js-libp2p peer needs node and its node_modules");
        List<String> summary = new ArrayList<>();
        try (Testbed bed = Testbed.up(NatKind.EIM, NatKind.EIM)) {
            String relay = startRelay(bed, Node.RELAY);

            // js behind B reserves on our relay; we punch from A: js (the relayed connection's listener) opens DCUtR.
            try (JsPeer js = JsPeer.builder().name("js-b").netns(bed.ns(Node.B)).listen("/ip4/0.0.0.0/tcp/4001")
                    .relayClient().dcutr().startTimeout(START).start()) {
                String circuit = jsCircuit(js, relay);
                JsonNode r = punch(bed, circuit, 4100);
                summary.add("ours(A) -> js(B) via our relay: " + brief(r));
                assertComplete(r);
                assertThat(r.path("outcome").asText()).as("js opened DCUtR: %s", r).isNotEqualTo("NO_STREAM");
                assertThat(r.path("role").asText()).isEqualTo("RESPONDER");
            }

            // Our node behind B, js dials it through the relay from A: our node initiates, js answers.
            ProcessLines b = startNode(bed, Node.B, "--relay", relay, "--listen", "/ip4/0.0.0.0/tcp/4002", "--public-ranges", RANGE);
            String ours = circuitOf(b);
            try (JsPeer js = JsPeer.builder().name("js-a").netns(bed.ns(Node.A)).listen("/ip4/0.0.0.0/tcp/4200")
                    .relayClient().dcutr().startTimeout(START).start()) {
                js.request(JsonMap.of("cmd", "dial", "ma", relay), Duration.ofSeconds(20));
                js.request(JsonMap.of("cmd", "dial", "ma", ours), Duration.ofSeconds(20));
                JsonNode r = JSON.readTree(b.awaitPrefix("holepunch ", Duration.ofSeconds(40)).substring("holepunch ".length()));
                summary.add("js(A) -> ours(B) via our relay: " + brief(r));
                assertComplete(r);
                assertThat(r.path("outcome").asText()).as("js answered DCUtR: %s", r).isNotEqualTo("NO_STREAM");
                assertThat(r.path("role").asText()).isEqualTo("INITIATOR");
            }

            // Through a js-libp2p relay: our node behind B reserves on it, we punch from A.
            try (JsPeer jsRelay = JsPeer.builder().name("js-relay").netns(bed.ns(Node.RELAY))
                    .listen("/ip4/" + Testbed.RELAY_IP + "/tcp/4500").relayServer(0).startTimeout(START).start()) {
                String jsRelayAddr = "/ip4/" + Testbed.RELAY_IP + "/tcp/4500/p2p/" + jsRelay.peerId();
                ProcessLines b2 = startNode(bed, Node.B, "--relay", jsRelayAddr, "--listen", "/ip4/0.0.0.0/tcp/4003",
                        "--public-ranges", RANGE);
                JsonNode r = punch(bed, circuitOf(b2), 4101);
                summary.add("ours(A) -> ours(B) via a js relay: " + brief(r));
                assertComplete(r);
                assertThat(r.path("outcome").asText()).as("%s", r).isNotEqualTo("NO_STREAM");
            }
        } finally {
            System.out.println("holepunch-testbed interop: " + String.join("; ", summary));
        }
    }

    // ---- processes ----

    private static ProcessLines startNode(Testbed bed, Node n, String... args) throws IOException {
        String[] full = new String[args.length + 1];
        full[0] = "node";
        System.arraycopy(args, 0, full, 1, args.length);
        return new ProcessLines(bed.startJava(n, CLI, full));
    }

    /** Our relay in {@code n}; answers its address on the public segment. */
    private static String startRelay(Testbed bed, Node n, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--listen", "/ip4/" + Testbed.RELAY_IP + "/tcp/4001", "--relay-service", "--public-ranges", RANGE));
        args.addAll(List.of(extra));
        ProcessLines relay = startNode(bed, n, args.toArray(String[]::new));
        String line = relay.await(l -> l.startsWith("listen /ip4/" + Testbed.RELAY_IP + "/tcp/4001/p2p/"), START);
        return line.substring("listen ".length());
    }

    /** Our node in {@code n}, reserved on {@code relay}; answers its address through the relay. */
    private static String startPeer(Testbed bed, Node n, String relay) throws Exception {
        return circuitOf(startNode(bed, n, "--relay", relay, "--listen", "/ip4/0.0.0.0/tcp/4001", "--public-ranges", RANGE));
    }

    private static String circuitOf(ProcessLines node) throws InterruptedException {
        return node.await(l -> l.startsWith("listen ") && l.contains("/p2p-circuit/p2p/"), START).substring("listen ".length());
    }

    private static String jsCircuit(JsPeer js, String relay) {
        JsonMap reserved = js.request(JsonMap.of("cmd", "reserve", "ma", relay), Duration.ofSeconds(30));
        return reserved.strings("addrs").stream().filter(a -> a.startsWith(relay + "/p2p-circuit")).findFirst()
                .orElseThrow(() -> new AssertionError("no circuit address through " + relay + ": " + reserved));
    }

    /** One {@code punch} from A, listening on {@code port}; answers its JSON line. */
    private static JsonNode punch(Testbed bed, String circuit, int port) throws IOException {
        return punch(bed, Node.A, circuit, port);
    }

    /** One {@code punch} from {@code from}, listening on {@code port}; answers its JSON line. */
    private static JsonNode punch(Testbed bed, Node from, String circuit, int port, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("punch", circuit, "--listen", "/ip4/0.0.0.0/tcp/" + port,
                "--public-ranges", RANGE, "--wait", "20"));
        args.addAll(List.of(extra));
        ExecResult r = bed.execJava(PUNCH_RUN, from, CLI, args.toArray(String[]::new));
        String line = r.stdout().lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y)
                .orElseThrow(() -> new AssertionError("punch printed no JSON line: " + r));
        JsonNode json = JSON.readTree(line);
        assertThat(r.exit() == 0).as("exit 0 exactly on SUCCESS: %s", r)
                .isEqualTo("SUCCESS".equals(json.path("outcome").asText()));
        return json;
    }

    // ---- records ----

    /** Every field of the record is there, outcomes are of the taxonomy, a failure says why. */
    private static void assertComplete(JsonNode r) {
        for (String f : List.of("outcome", "role", "remote", "relay", "startedAt", "endedAt", "elapsedMs", "startRttMs",
                "timeToDirectMs", "directAddr", "localAddrs", "remoteAddrs", "attempts", "error")) {
            assertThat(r.has(f)).as("field %s in %s", f, r).isTrue();
        }
        String outcome = r.path("outcome").asText();
        assertThat(OUTCOMES).as("%s", r).contains(outcome);
        // Only a DCUtR exchange has attempts: not a relayed connection that failed, a stream that never
        // came, or a remote that dialled us directly.
        if (!outcome.equals("NO_CONNECTION") && !outcome.equals("NO_STREAM") && !outcome.equals("CONNECTION_REVERSED")) {
            assertThat(r.path("attempts").size()).as("attempts in %s", r).isPositive();
        }
        for (JsonNode a : r.path("attempts")) {
            assertThat(ATTEMPT_OUTCOMES).as("%s", a).contains(a.path("outcome").asText());
            assertThat(a.has("number") && a.has("openedAt") && a.has("endedAt") && a.has("error")).as("%s", a).isTrue();
        }
        if (outcome.equals("FAILED")) {
            assertThat(r.path("error").asText("")).as("error stated in %s", r).isNotBlank();
            for (JsonNode a : r.path("attempts")) {
                if (!a.path("outcome").asText().equals("SUCCESS")) {
                    assertThat(a.path("error").asText("")).as("attempt error in %s", a).isNotBlank();
                }
            }
        }
        if (outcome.equals("SUCCESS")) {
            assertThat(r.path("directAddr").isNull()).as("%s", r).isFalse();
        }
    }

    private static String brief(JsonNode r) {
        return r.path("outcome").asText() + " as " + r.path("role").asText() + " attempts " + attemptOutcomes(r)
                + (r.path("error").isNull() ? "" : " error " + r.path("error").asText());
    }

    /** Each attempt's outcome, with its error when it has one. */
    private static List<String> attemptOutcomes(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("attempts").forEach(a -> out.add(a.path("outcome").asText()
                + (a.path("error").isTextual() ? " (" + a.path("error").asText() + ")" : "")));
        return out;
    }

    private static List<String> outcomes(List<JsonNode> rs) {
        return rs.stream().map(r -> r.path("outcome").asText()).toList();
    }

    private static List<Double> sorted(List<Double> v) {
        return v.stream().sorted(Comparator.naturalOrder()).toList();
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static boolean jsPeerPresent() {
        Path dir = JsPeer.jsPeerDir();
        return Files.isDirectory(dir.resolve("node_modules").resolve("@libp2p").resolve("dcutr")) && onPath(JsPeer.nodeExecutable());
    }

    private static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
