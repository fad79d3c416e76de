package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.nat.Reachability;
import io.wirepunch.core.nat.ReachabilityTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
    private final ProbeSchedule schedule = ProbeSchedule.defaults();

    @Test
    void retriesUntilTheStatusIsCertainThenRefreshes() {
        int max = ReachabilityTracker.MAX_CONFIDENCE;
        assertThat(schedule.nextDelay(Reachability.UNKNOWN, 0, false)).isEqualTo(ProbeSchedule.RETRY_INTERVAL);
        assertThat(schedule.nextDelay(Reachability.PUBLIC, max - 1, false)).isEqualTo(ProbeSchedule.RETRY_INTERVAL);
        assertThat(schedule.nextDelay(Reachability.PUBLIC, max, false)).isEqualTo(ProbeSchedule.REFRESH_INTERVAL);
        assertThat(schedule.nextDelay(Reachability.PRIVATE, max, false)).isEqualTo(ProbeSchedule.REFRESH_INTERVAL);
        assertThat(schedule.nextDelay(Reachability.PRIVATE, max, true)).isEqualTo(ProbeSchedule.RETRY_INTERVAL);
    }

    @Test
    void refusesSchedulesThatCannotWork() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ProbeSchedule(s, Duration.ZERO, s, s, 1)).hasMessageContaining("retry");
        assertThatThrownBy(() -> new ProbeSchedule(s, Duration.ofSeconds(2), s, s, 1)).hasMessageContaining("refresh");
        assertThatThrownBy(() -> new ProbeSchedule(s.negated(), s, s, s, 1)).hasMessageContaining("boot delay");
        assertThatThrownBy(() -> new ProbeSchedule(s, s, s, s, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void theHistoryKeepsTheNewestResultsOnly() {
        ProbeHistory history = new ProbeHistory();
        for (int i = 0; i <= ProbeHistory.MAX_RESULTS_KEPT; i++) {
            history.add(new ProbeResult(Keys.generateEd25519().publicKey().peerId(), Instant.ofEpochSecond(i), List.of(),
                    Optional.of(ResponseStatus.OK), "", Optional.empty(), Optional.of(Reachability.PUBLIC)));
        }
        assertThat(history.latest()).hasSize(ProbeHistory.MAX_RESULTS_KEPT);
        assertThat(history.latest().get(0).at()).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(history.latest().get(ProbeHistory.MAX_RESULTS_KEPT - 1).at())
                .isEqualTo(Instant.ofEpochSecond(ProbeHistory.MAX_RESULTS_KEPT));
    }
}
