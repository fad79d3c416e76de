package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {
    private static final Duration DAY = Duration.ofDays(1);
    private final Period first = Period.startingAt(Instant.parse("2025-11-22T14:00:00.750Z"), DAY);

    @Test
    void theFirstPeriodStartsOnAWholeSecond() {
        assertThat(first.start()).isEqualTo(Instant.parse("2025-11-22T14:00:00Z"));
        assertThat(first.end()).isEqualTo(Instant.parse("2025-11-23T14:00:00Z"));
        assertThat(first.length()).isEqualTo(DAY);
    }

    @Test
    void aPeriodEndsAtItsEndInstantNotAMillisecondBefore() {
        assertThat(first.hasEndedAt(first.end().minusMillis(1))).isFalse();
        assertThat(first.hasEndedAt(first.end())).isTrue();
        assertThat(first.periodAt(first.end().minusMillis(1))).isSameAs(first);
        assertThat(first.periodAt(first.end())).isEqualTo(new Period(first.end(), first.end().plus(DAY)));
    }

    @Test
    void afterDowntimeThePeriodStaysOnTheSchedule() {
        Instant now = first.start().plus(DAY.multipliedBy(5)).plusSeconds(3600);
        Period current = first.periodAt(now);
        assertThat(current.start()).isEqualTo(first.start().plus(DAY.multipliedBy(5)));
        assertThat(current.end()).isEqualTo(first.start().plus(DAY.multipliedBy(6)));
    }

    @Test
    void aClockSetBackLeavesThePeriodInPlace() {
        assertThat(first.periodAt(first.start().minusSeconds(86_400 * 3))).isSameAs(first);
    }

    @Test
    void archiveNamesAreBasicIsoInUtc() {
        assertThat(first.archiveFileName()).isEqualTo("20251122T140000Z-20251123T140000Z.json");
    }

    @Test
    void aPeriodMustEndAfterItStarts() {
        Instant t = Instant.EPOCH;
        assertThatThrownBy(() -> new Period(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Period(t, t.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
