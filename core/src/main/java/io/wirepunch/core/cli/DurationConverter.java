package io.wirepunch.core.cli;

import java.time.Duration;
import picocli.CommandLine;

/** A duration as people write it: a whole number and a unit, {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** Longest number accepted, in digits; enough for any sensible duration, short of overflow. */
    static final int MAX_DIGITS = 9;

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (text.length() < 2 || text.length() > MAX_DIGITS + 1) {
            throw bad(value);
        }
        String digits = text.substring(0, text.length() - 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(value);
        }
        long n = Long.parseLong(digits);
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw bad(value);
        };
    }

    private static CommandLine.TypeConversionException bad(String value) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m, 1h or 7d");
    }
}
