package io.wirepunch.core.measure.server;

import static io.wirepunch.core.measure.MeasureFixtures.DCUTR_PROTOCOLS;
import static io.wirepunch.core.measure.MeasureFixtures.peer;
import static io.wirepunch.core.measure.MeasureFixtures.relayAddr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.interop.JsPeer;
import io.wirepunch.core.measure.store.JdbcMeasurementStore;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gRPC client in another language against our server: punchr-client.mjs (grpc-js, loading our
 * punchr.proto) registers, asks for a peer and tracks a hole punch with it; the rows must be there.
 */
@Timeout(120)
class JsPunchrClientTest {
    @TempDir
    Path dir;

    private JdbcMeasurementStore store;
    private PunchrServer server;

    @BeforeEach
    void start() throws Exception {
        store = JdbcMeasurementStore.openEmbedded(dir.resolve("db"));
        server = PunchrServer.start(new PunchrServer.Options("127.0.0.1", 0, null, null), store, new MeasureMetrics(),
                java.time.Clock.systemUTC(), () -> -1L);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private List<JsonNode> runClient(String key, String... extra) throws Exception {
        Path js = JsPeer.jsPeerDir();
        List<String> cmd = new ArrayList<>(List.of(JsPeer.nodeExecutable(), js.resolve("punchr-client.mjs").toString(),
                "--addr", "127.0.0.1:" + server.address().getPort(), "--key", key));
        cmd.addAll(List.of(extra));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(js.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit; stderr: %s", Files.readString(err)).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    @Test
    void theJsClientRegistersGetsTheCandidateAndTracksItsHolePunch() throws Exception {
        String key = store.addApiKey("js");
        PeerId remote = peer();
        Multiaddr relay = relayAddr("tcp4", remote);
        store.recordSighting(remote, "kubo/0.30.0", DCUTR_PROTOCOLS, List.of(relay), Instant.now());
        List<JsonNode> lines = runClient(key);
        assertThat(lines).extracting(l -> l.get("call").asText()).containsExactly("Register", "GetAddrInfo", "TrackHolePunch");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("ok").asBoolean()).as(l.toString()).isTrue());
        assertThat(Long.parseLong(lines.get(0).get("response").get("db_peer_id").asText())).isPositive();
        JsonNode info = lines.get(1).get("response");
        assertThat(Base64.getDecoder().decode(info.get("remote_id").asText())).isEqualTo(remote.toBytes());
        assertThat(Base64.getDecoder().decode(info.get("multi_addresses").get(0).asText())).isEqualTo(relay.toBytes());

        var report = store.report(Instant.EPOCH);
        assertThat(report.total()).isEqualTo(1);
        assertThat(report.byOutcome()).isEqualTo(Map.of("SUCCESS", 1));
        assertThat(report.successfulAttempt()).isEqualTo(Map.of(2, 1));
        assertThat(report.byTransport()).isEqualTo(Map.of("tcp", Map.of("SUCCESS", 1)));
        assertThat(report.byNatPairing()).isEqualTo(Map.of("PORT_MAPPED/ENDPOINT_INDEPENDENT", Map.of("SUCCESS", 1)));
    }

    @Test
    void theJsClientSeesNotFoundWithoutACandidateAndUnauthenticatedWithAnUnknownKey() throws Exception {
        String key = store.addApiKey("js");
        List<JsonNode> lines = runClient(key);
        assertThat(lines).extracting(l -> l.get("call").asText()).containsExactly("Register", "GetAddrInfo");
        assertThat(lines.get(1).get("code").asText()).isEqualTo("NOT_FOUND");
        List<JsonNode> refused = runClient("not-a-key");
        assertThat(refused).singleElement().satisfies(l -> {
            assertThat(l.get("call").asText()).isEqualTo("Register");
            assertThat(l.get("code").asText()).isEqualTo("UNAUTHENTICATED");
        });
        assertThat(store.report(Instant.EPOCH).total()).isZero();
    }
}
