package io.wirepunch.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.protocol.relay.usage.Period;
import io.wirepunch.core.protocol.relay.usage.UsageSnapshot;
import io.wirepunch.core.protocol.relay.usage.UsageState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private static Optional<UsageSnapshot> usage(UsageState state, double fraction) {
        return Optional.of(new UsageSnapshot(new Period(T0, T0.plus(Duration.ofDays(30))), (long) (fraction * 1000), 1000,
                fraction, state, 0, List.of(), 0, 0));
    }

    @Test
    void aRelayLimitIsToldOnceWhenUsageRisesToItAndAgainAfterANewPeriod() {
        List<EngineEvent> told = new ArrayList<>();
        EngineWatch watch = new EngineWatch(told::add, () -> { });

        watch.relayUsage(usage(UsageState.OK, 0.5));
        watch.relayUsage(usage(UsageState.SOFT, 0.9));
        watch.relayUsage(usage(UsageState.SOFT, 0.91));
        watch.relayUsage(usage(UsageState.HARD, 0.93));
        watch.relayUsage(usage(UsageState.HARD, 0.95));
        watch.relayUsage(usage(UsageState.OK, 0.0));
        watch.relayUsage(usage(UsageState.HARD, 0.97));
        watch.relayUsage(Optional.empty());

        assertThat(told).containsExactly(new EngineEvent.RelayLimitReached(UsageState.SOFT, 0.9),
                new EngineEvent.RelayLimitReached(UsageState.HARD, 0.93),
                new EngineEvent.RelayLimitReached(UsageState.HARD, 0.97));
    }

    @Test
    void relaysArePingedAgainOnlyOnceTheIntervalPassed() {
        assertThat(EngineWatch.due(Instant.MIN, T0)).isTrue();
        assertThat(EngineWatch.due(T0, T0.plus(EngineWatch.RELAY_RTT_INTERVAL).minusMillis(1))).isFalse();
        assertThat(EngineWatch.due(T0, T0.plus(EngineWatch.RELAY_RTT_INTERVAL))).isTrue();
    }
}
