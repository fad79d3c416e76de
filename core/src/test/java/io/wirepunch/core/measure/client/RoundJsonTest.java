package io.wirepunch.core.measure.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirepunch.core.holepunch.HolePunchOutcome;
import io.wirepunch.core.holepunch.HolePunchRecord;
import io.wirepunch.core.holepunch.HolePunchRole;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos.LatencyMeasurementType;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.testutil.TestPeerIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON line {@code measure client} prints per result. */
class RoundJsonTest {
    @Test
    void aLineHasTheRecordTheHostAndTheLatenciesInMilliseconds() {
        PeerId host = TestPeerIds.peer(1);
        PeerId remote = TestPeerIds.peer(2);
        Multiaddr direct = Multiaddr.parse("/ip4/203.0.113.9/tcp/4711");
        Instant t0 = Instant.parse("2026-11-22T20:00:00Z");
        HolePunchRecord r = new HolePunchRecord(remote, Optional.empty(), HolePunchRole.RESPONDER, HolePunchOutcome.SUCCESS,
                Optional.of(t0), t0, t0.plusMillis(300), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.of(direct), Optional.of(t0.plusMillis(250)), Optional.empty());
        Latency l = new Latency(LatencyMeasurementType.TO_REMOTE_AFTER_HOLE_PUNCH, remote, "", List.of(), direct,
                List.of(Duration.ofMillis(12), Duration.ofNanos(1_500_000)), List.of("ping stream is closed"));
        RoundObservations o = new RoundObservations(host, List.of(), List.of(), List.of(direct), true, List.of(),
                List.of(l), List.of());
        RoundEvent.Measured m = new RoundEvent.Measured(host, r, ResultMapper.map(r, o), true, false);

        JsonNode json = RoundJson.toJson(m);

        assertThat(json.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(json.get("host").asText()).isEqualTo(host.toBase58());
        assertThat(json.get("remote").asText()).isEqualTo(remote.toBase58());
        assertThat(json.get("reported").asBoolean()).isTrue();
        assertThat(json.get("kept").asBoolean()).isFalse();
        assertThat(json.get("hasDirectConns").asBoolean()).isTrue();
        assertThat(json.get("openAddrs").get(0).asText()).isEqualTo(direct.toString());
        JsonNode lat = json.get("latencies").get(0);
        assertThat(lat.get("type").asText()).isEqualTo("TO_REMOTE_AFTER_HOLE_PUNCH");
        assertThat(lat.get("rttsMs").get(0).asDouble()).isEqualTo(12.0);
        assertThat(lat.get("rttsMs").get(1).asDouble()).isEqualTo(1.5);
        assertThat(lat.get("errors").get(0).asText()).isEqualTo("ping stream is closed");
        assertThat(RoundJson.line(m)).doesNotContain("\n");
    }
}
