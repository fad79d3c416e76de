package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"0, PT0S", "250ms, PT0.25S", "90s, PT1M30S", "5m, PT5M", "5m0s, PT5M", "1h, PT1H",
            "1h30m, PT1H30M", "30d, PT720H", "1d2h3m4s5ms, PT26H3M4.005S"})
    void readsNumbersWithUnits(String text, Duration duration) {
        assertThat(DurationText.parse(text)).isEqualTo(duration);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "-5m", "1.5h", "5 m", "5M", "5min", "1w", "00", "5m ", "P1D"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + text + "\" is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s5m", "5m5m", "1ms1s"})
    void refusesUnitsOutOfOrderOrRepeated(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).hasMessageContaining("from the largest to the smallest");
    }

    @Test
    void theLongestDurationIsAcceptedAndOneMillisecondMoreIsNot() {
        String max = DurationText.format(DurationText.MAX);
        assertThat(DurationText.parse(max)).isEqualTo(DurationText.MAX);
        assertThatThrownBy(() -> DurationText.parse(max + "1ms")).hasMessageContaining("too long a duration");
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999d")).hasMessageContaining("too long a duration");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT2M, 2m", "PT1H30M, 1h30m", "PT720H, 30d", "PT0.1S, 100ms", "PT25H0.5S, 1d1h500ms"})
    void formatsTheShortestText(Duration duration, String text) {
        assertThat(DurationText.format(duration)).isEqualTo(text);
        assertThat(DurationText.parse(text)).isEqualTo(duration);
    }
}
