package io.wirepunch.core.protocol.kad.records;

import io.wirepunch.core.testutil.FakeClock;

import static io.wirepunch.core.protocol.kad.records.Fixtures.T0;
import static io.wirepunch.core.protocol.kad.records.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepublishScheduleTest {
    private final FakeClock clock = new FakeClock();
    private final RepublishSchedule schedule = new RepublishSchedule(clock);

    @Test
    void newKeyIsDueAtOnce() {
        schedule.provide(key(1));
        assertThat(schedule.due()).containsExactly(key(1));
    }

    @Test
    void publishedKeyIsDueExactlyOneRepublishIntervalLater() {
        schedule.provide(key(1));
        schedule.published(key(1), T0);
        Instant due = T0.plus(ProviderStore.REPUBLISH_INTERVAL);
        assertThat(schedule.due(due.minus(Duration.ofNanos(1)))).isEmpty();
        assertThat(schedule.due(due)).containsExactly(key(1));
    }

    @Test
    void keysNoLongerProvidedAreNeverDue() {
        schedule.provide(key(1));
        schedule.stopProviding(key(1));
        schedule.published(key(1), T0);
        assertThat(schedule.due(T0.plus(ProviderStore.PROVIDER_RECORD_TTL))).isEmpty();
    }
}
