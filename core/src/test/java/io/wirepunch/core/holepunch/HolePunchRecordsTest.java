package io.wirepunch.core.holepunch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HolePunchRecordsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final PeerId remote = Keys.generateEd25519().publicKey().peerId();
    private final PeerId relay = Keys.generateEd25519().publicKey().peerId();

    private HolePunchRecord record(HolePunchOutcome outcome, int startMs) {
        HolePunchAttempt attempt = new HolePunchAttempt(1, AttemptOutcome.SUCCESS, T0.plusMillis(10),
                Optional.of(T0.plusMillis(30)), T0.plusMillis(60), Optional.of(Duration.ofMillis(40)),
                List.of(Multiaddr.parse("/ip4/198.51.100.3/tcp/4001")), List.of(Multiaddr.parse("/ip4/198.51.100.3/tcp/4001")),
                Optional.of(Multiaddr.parse("/ip4/198.51.100.3/tcp/4001")), Optional.empty());
        return new HolePunchRecord(remote, Optional.of(relay), HolePunchRole.INITIATOR, outcome,
                Optional.of(T0.plusMillis(startMs)), T0, T0.plusMillis(70), Optional.of(Duration.ofMillis(40)),
                List.of(attempt), List.of(Multiaddr.parse("/ip4/198.51.100.2/tcp/4001")),
                List.of(Multiaddr.parse("/ip4/198.51.100.3/tcp/4001")), Optional.of(Multiaddr.parse("/ip4/198.51.100.3/tcp/4001")),
                Optional.of(T0.plusMillis(65)), Optional.empty());
    }

    @Test
    void theTaxonomiesArePunchrsInPunchrsOrder() {
        assertThat(HolePunchOutcome.values()).extracting(Enum::name).containsExactly("UNKNOWN", "NO_CONNECTION",
                "NO_STREAM", "CONNECTION_REVERSED", "CANCELLED", "FAILED", "SUCCESS");
        assertThat(AttemptOutcome.values()).extracting(Enum::name).containsExactly("UNKNOWN", "DIRECT_DIAL",
                "PROTOCOL_ERROR", "CANCELLED", "TIMEOUT", "FAILED", "SUCCESS");
    }

    @Test
    void theJsonLineCarriesOutcomeAttemptsAndTimes() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HolePunchJson.line(record(HolePunchOutcome.SUCCESS, 0)));

        assertThat(json.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(json.get("role").asText()).isEqualTo("INITIATOR");
        assertThat(json.get("remote").asText()).isEqualTo(remote.toBase58());
        assertThat(json.get("relay").asText()).isEqualTo(relay.toBase58());
        assertThat(json.get("elapsedMs").asLong()).isEqualTo(70);
        assertThat(json.get("startRttMs").asDouble()).isEqualTo(40.0);
        assertThat(json.get("timeToDirectMs").asDouble()).isEqualTo(65.0);
        assertThat(json.get("attempts")).hasSize(1);
        JsonNode a = json.get("attempts").get(0);
        assertThat(a.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(a.get("elapsedMs").asLong()).isEqualTo(50);
        assertThat(a.get("dialled").get(0).asText()).isEqualTo("/ip4/198.51.100.3/tcp/4001");
        assertThat(a.get("error").isNull()).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void theHistoryKeepsTheLatestRecordsOnly() {
        HolePunchHistory history = new HolePunchHistory(3);
        for (int i = 0; i < 5; i++) {
            history.add(record(HolePunchOutcome.FAILED, i));
        }

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.records()).extracting(r -> r.connectedAt().orElseThrow())
                .containsExactly(T0.plusMillis(2), T0.plusMillis(3), T0.plusMillis(4));
        assertThat(new HolePunchHistory().records()).isEmpty();
        assertThat(HolePunchHistory.MAX_RECORDS).isEqualTo(512);
    }

    @Test
    void theConfigRefusesAttemptsAndTimeoutsOutOfRange() {
        HolePunchConfig d = HolePunchConfig.defaults();
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> new HolePunchConfig(d.publicRanges(), true, true, HolePunchConfig.MAX_ATTEMPTS_LIMIT + 1,
                d.messageTimeout(), d.dialTimeout(), d.directDialTimeout(), d.streamWait()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDialTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
