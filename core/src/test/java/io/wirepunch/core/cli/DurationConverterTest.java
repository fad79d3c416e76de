package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Durations as {@code invite --ttl} takes them. */
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void aNumberAndAUnit() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert(" 2h ")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void theLongestNumberAcceptedAndOneDigitMore() {
        String longest = "9".repeat(DurationConverter.MAX_DIGITS);
        assertThat(converter.convert(longest + "s")).isEqualTo(Duration.ofSeconds(Long.parseLong(longest)));
        assertThat(converter.convert(longest + "d")).isEqualTo(Duration.ofDays(Long.parseLong(longest)));
        assertThatThrownBy(() -> converter.convert("1" + "0".repeat(DurationConverter.MAX_DIGITS) + "s"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "h", "1", "1x", "-1h", "+1h", "1.5h", "h1", "1hh", "1 h", "١h", "10000000000s",
            "99999999999999999999d"})
    void anythingElseIsRefusedInOneSentence(String bad) {
        assertThatThrownBy(() -> converter.convert(bad))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + bad + "' is not a duration such as 90s, 30m, 1h or 7d");
    }
}
